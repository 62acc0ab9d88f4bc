package io.marquee.packaging.mp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaIndexCodecTest {

    @TempDir
    Path dir;

    @Test
    void aRealIndexRoundTripsExactlyAndCompactly() throws Exception {
        Path clip = Ffmpeg.clip(dir.resolve("clip.mp4"), 20, 25, "-c:v", "libx264", "-preset", "veryfast", "-bf",
                "3", "-g", "50");
        MediaIndex index = Mp4IndexReader.read(Ffmpeg.moov(Ffmpeg.read(clip)), Duration.ofSeconds(6));
        byte[] encoded = MediaIndexCodec.encode(index);
        MediaIndex decoded = MediaIndexCodec.decode(encoded);
        assertThat(decoded).isEqualTo(index);
        for (int t = 0; t < index.tracks().size(); t++) {
            SampleTable a = index.tracks().get(t).samples();
            SampleTable b = decoded.tracks().get(t).samples();
            for (int i = 0; i < a.count(); i++) {
                assertThat(b.decodeTime(i)).isEqualTo(a.decodeTime(i));
                assertThat(b.compositionOffset(i)).isEqualTo(a.compositionOffset(i));
            }
        }
        int samples = index.tracks().stream().mapToInt(t -> t.samples().count()).sum();
        assertThat(encoded.length).as("bytes for %d samples", samples).isLessThan(samples * 3);
    }

    @Test
    void aHandBuiltIndexWithIrregularTablesRoundTrips() {
        SampleTable samples = SampleTable.of(new int[] {10, 20, 30, 40}, new long[] {100, 110, 500, 530},
                new int[] {3, 3, 7, 1}, new int[] {0, -5, 12, 12}, new boolean[] {true, false, false, true});
        TrackIndex track = new TrackIndex(7, TrackKind.VIDEO, "avc1.42c01e", 90000, 14, 640, 360, 0, 0, "fra",
                23.976, 1000, 2000, new byte[] {1, 2, 3}, samples, List.of(
                        new SegmentIndex(0, 0, 3, 0, 13, 100, 530, 60), new SegmentIndex(1, 3, 1, 13, 1, 530, 570, 40)));
        MediaIndex index = new MediaIndex(List.of(track));
        assertThat(MediaIndexCodec.decode(MediaIndexCodec.encode(index))).isEqualTo(index);
    }

    @Test
    void badBytesAreIllegalArguments() {
        assertThatThrownBy(() -> MediaIndexCodec.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MediaIndexCodec.decode("MQX\u0009junk".getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown media index format");
        SampleTable samples = SampleTable.of(new int[] {1}, new long[] {0}, new int[] {1}, new int[] {0}, null);
        byte[] good = MediaIndexCodec.encode(new MediaIndex(List.of(new TrackIndex(1, TrackKind.AUDIO, "mp4a.40.2",
                48000, 1, 0, 0, 48000, 2, "und", 0, 8, 8, new byte[8], samples,
                List.of(new SegmentIndex(0, 0, 1, 0, 1, 0, 1, 1))))));
        for (int length = 4; length < good.length; length++) {
            byte[] cut = Arrays.copyOf(good, length);
            assertThatThrownBy(() -> MediaIndexCodec.decode(cut)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
