package io.marquee.packaging.mp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4RefusalTest {

    @TempDir
    static Path dir;
    static byte[] moov;

    @BeforeAll
    static void clip() {
        moov = Ffmpeg.moov(Ffmpeg.read(Ffmpeg.clip(dir.resolve("ok.mp4"), 8, 25, "-c:v", "libx264", "-preset",
                "veryfast", "-g", "50")));
    }

    static Mp4Refusal refusal(byte[] bytes) {
        Throwable t = catchThrowable(() -> Mp4IndexReader.read(bytes, Duration.ofSeconds(6)));
        assertThat(t).isInstanceOf(Mp4Refusal.class);
        return (Mp4Refusal) t;
    }

    /** Where the first box of {@code type} starts in the moov. */
    static int box(byte[] bytes, String type) {
        byte[] name = type.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 4; i + 4 <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + 4, name, 0, 4)) {
                return i - 4;
            }
        }
        throw new IllegalArgumentException("no " + type);
    }

    @Test
    void theCleanClipIsAccepted() throws Exception {
        assertThat(Mp4IndexReader.read(moov, Duration.ofSeconds(6)).tracks()).hasSize(2);
    }

    @Test
    void aTruncatedMoovIsTruncated() {
        Mp4Refusal r = refusal(Arrays.copyOf(moov, moov.length / 2));
        assertThat(r.reason()).isEqualTo(Mp4Refusal.Reason.TRUNCATED);
        assertThat(r.getMessage()).contains("cut short");
    }

    @Test
    void aBoxSizePointingOutsideItsParentIsMalformed() {
        byte[] bad = moov.clone();
        int trak = box(bad, "trak");
        ByteBuffer.wrap(bad).putInt(trak, ByteBuffer.wrap(bad).getInt(trak) + 100_000);
        Mp4Refusal r = refusal(bad);
        assertThat(r.reason()).isEqualTo(Mp4Refusal.Reason.MALFORMED);
        assertThat(r.getMessage()).contains("'trak'").contains("past the end of its parent");
    }

    @Test
    void mpeg4Part2IsAnUnsupportedCodecNamedInTheMessage() {
        byte[] mp4v = Ffmpeg.moov(Ffmpeg.read(Ffmpeg.clip(dir.resolve("mp4v.mp4"), 4, 25, "-c:v", "mpeg4")));
        Mp4Refusal r = refusal(mp4v);
        assertThat(r.reason()).isEqualTo(Mp4Refusal.Reason.UNSUPPORTED_CODEC);
        assertThat(r.getMessage()).contains("'mp4v'").contains("MPEG-4 Part 2");
    }

    @Test
    void aTrackWithoutSamplesIsEmpty() {
        byte[] bad = moov.clone();
        ByteBuffer.wrap(bad).putInt(box(bad, "stsz") + 16, 0);
        Mp4Refusal r = refusal(bad);
        assertThat(r.reason()).isEqualTo(Mp4Refusal.Reason.EMPTY_TRACK);
        assertThat(r.getMessage()).contains("video track 1 has no samples");
    }

    @Test
    void anAbsurdSampleCountIsRefusedBeforeAnythingIsAllocated() {
        byte[] bad = moov.clone();
        ByteBuffer.wrap(bad).putInt(box(bad, "stsz") + 16, 100_000_000);
        Mp4Refusal r = refusal(bad);
        assertThat(r.reason()).isEqualTo(Mp4Refusal.Reason.TOO_LARGE);
        assertThat(r.getMessage()).contains("100000000 samples");
    }

    @Test
    void tracksEachUnderTheLimitButTooManyTogetherAreRefusedBeforeAnythingIsAllocated() {
        // Three copies of the video track, each announcing 1,500,000 samples of one constant size: a few bytes of
        // moov that would otherwise cost hundreds of MB once read.
        int trak = box(moov, "trak");
        int trakSize = ByteBuffer.wrap(moov).getInt(trak);
        byte[] track = Arrays.copyOfRange(moov, trak, trak + trakSize);
        ByteBuffer.wrap(track).putInt(box(track, "stsz") + 12, 1000).putInt(box(track, "stsz") + 16, 1_500_000);
        byte[] bad = new byte[moov.length + 3 * trakSize];
        System.arraycopy(moov, 0, bad, 0, moov.length);
        for (int k = 0; k < 3; k++) {
            System.arraycopy(track, 0, bad, moov.length + k * trakSize, trakSize);
        }
        ByteBuffer.wrap(bad).putInt(0, bad.length);
        Mp4Refusal r = refusal(bad);
        assertThat(r.reason()).isEqualTo(Mp4Refusal.Reason.TOO_LARGE);
        assertThat(r.getMessage()).contains("samples together").contains("at most 4000000");
    }

    @Test
    void aSampleCountTheTableHasNoRoomForIsMalformed() {
        byte[] bad = moov.clone();
        ByteBuffer.wrap(bad).putInt(box(bad, "stsz") + 16, 1_999_999);
        assertThat(refusal(bad).reason()).isEqualTo(Mp4Refusal.Reason.MALFORMED);
    }

    @Test
    void aHugeMoovIsTooLarge() {
        byte[] header = ByteBuffer.allocate(16).putInt(100 * 1024 * 1024).put("moov".getBytes(StandardCharsets.ISO_8859_1))
                .array();
        assertThat(refusal(header).reason()).isEqualTo(Mp4Refusal.Reason.TOO_LARGE);
    }

    @Test
    void audioWithoutVideoHasNoVideo() {
        byte[] audio = Ffmpeg.moov(Ffmpeg.read(Ffmpeg.make(dir.resolve("audio.mp4"), "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-t", "3", "-c:a", "aac", "-movflags", "+faststart")));
        assertThat(refusal(audio).reason()).isEqualTo(Mp4Refusal.Reason.NO_VIDEO);
    }

    @Test
    void anEditAtAnotherRateIsAnUnsupportedLayout() {
        byte[] bad = moov.clone();
        int elst = box(bad, "elst");
        assertThat(bad[elst + 8]).as("version 0 edit list").isZero();
        ByteBuffer.wrap(bad).putShort(elst + 24, (short) 2);
        Mp4Refusal r = refusal(bad);
        assertThat(r.reason()).isEqualTo(Mp4Refusal.Reason.UNSUPPORTED_LAYOUT);
        assertThat(r.getMessage()).contains("rate other than 1");
    }

    @Test
    void aSecondMediaEditIsAnUnsupportedLayout() {
        int elst = box(moov, "elst");
        int size = ByteBuffer.wrap(moov).getInt(elst);
        assertThat(ByteBuffer.wrap(moov).getInt(elst + 12)).as("one edit").isEqualTo(1);
        byte[] bad = new byte[moov.length + 12];
        System.arraycopy(moov, 0, bad, 0, elst + size);
        System.arraycopy(moov, elst + size - 12, bad, elst + size, 12);
        System.arraycopy(moov, elst + size, bad, elst + size + 12, moov.length - elst - size);
        ByteBuffer b = ByteBuffer.wrap(bad);
        b.putInt(0, moov.length + 12);
        for (String parent : new String[] {"trak", "edts"}) {
            int at = box(bad, parent);
            b.putInt(at, b.getInt(at) + 12);
        }
        b.putInt(elst, size + 12);
        b.putInt(elst + 12, 2);
        Mp4Refusal r = refusal(bad);
        assertThat(r.reason()).isEqualTo(Mp4Refusal.Reason.UNSUPPORTED_LAYOUT);
        assertThat(r.getMessage()).contains("several media edits");
    }

    @Test
    void everyTruncationAndRandomDamageIsARefusalOrAnIndexNeverAnotherException() {
        for (int length = 0; length < moov.length; length += 7) {
            byte[] cut = Arrays.copyOf(moov, length);
            assertThat(refusal(cut).reason()).isIn(Mp4Refusal.Reason.TRUNCATED, Mp4Refusal.Reason.MALFORMED);
        }
        Random random = new Random(12);
        for (int round = 0; round < 3000; round++) {
            byte[] bad = moov.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                bad[8 + random.nextInt(bad.length - 8)] = (byte) random.nextInt(256);
            }
            try {
                MediaIndex index = Mp4IndexReader.read(bad, Duration.ofSeconds(6));
                for (TrackIndex t : index.tracks()) {
                    MediaIndexCodec.decode(MediaIndexCodec.encode(index));
                    Fmp4Writer.initSegment(t);
                    for (int n = 0; n < t.segments().size(); n++) {
                        Fmp4Writer.mediaSegment(t, n);
                    }
                }
            } catch (Mp4Refusal expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void aTargetMustBePositive() {
        assertThatThrownBy(() -> Mp4IndexReader.read(moov, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
