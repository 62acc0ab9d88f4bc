package io.marquee.packaging.mp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Fmp4WriterTest {

    @TempDir
    Path dir;

    /** Init + every segment of each track, joined, reads back as the source's packets and decodes to its frames. */
    private void assertRepackagedExactly(Path source) throws Mp4Refusal {
        byte[] bytes = Ffmpeg.read(source);
        MediaIndex index = Mp4IndexReader.read(Ffmpeg.moov(bytes), Duration.ofSeconds(6));
        for (TrackIndex track : index.tracks()) {
            String stream = track.kind() == TrackKind.VIDEO ? "v:0" : "a:0";
            Path joined = Ffmpeg.write(dir.resolve(source.getFileName() + "." + stream.charAt(0) + ".mp4"),
                    Ffmpeg.joined(bytes, track));
            List<Ffmpeg.Packet> expected = Ffmpeg.packets(source, stream);
            List<Ffmpeg.Packet> actual = Ffmpeg.packets(joined, stream);
            // ffmpeg shows negative composition offsets of a fragment by presenting the whole track later by the
            // largest of them (its dts_shift); MSE players use baseMediaDecodeTime + offset as written.
            int minimumOffset = 0;
            for (int i = 0; i < track.samples().count(); i++) {
                minimumOffset = Math.min(minimumOffset, track.samples().compositionOffset(i));
            }
            long ffmpegShift = -minimumOffset;
            assertThat(actual).as(stream + " packets").hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                Ffmpeg.Packet e = expected.get(i);
                Ffmpeg.Packet a = actual.get(i);
                String at = stream + " packet " + i;
                assertThat(a.size()).as(at + " size").isEqualTo(e.size());
                assertThat(a.pts()).as(at + " pts").isEqualTo(e.pts() + ffmpegShift);
                assertThat(a.dts() - actual.get(0).dts()).as(at + " dts").isEqualTo(e.dts() - expected.get(0).dts());
                assertThat(a.key()).as(at + " key").isEqualTo(e.key());
                if (i + 1 < expected.size()) {
                    assertThat(actual.get(i + 1).dts() - a.dts()).as(at + " duration")
                            .isEqualTo(expected.get(i + 1).dts() - e.dts());
                }
            }
            assertThat(Ffmpeg.decodeErrors(joined)).as(stream + " decode errors").isEmpty();
            // The source's edit list makes ffmpeg discard the AAC priming frame; in the fragment it is presented
            // before 0 (negative offset), where MSE's append window drops it and ffmpeg decodes it.
            long discarded = expected.stream().filter(Ffmpeg.Packet::discard).count();
            assertThat(discarded).isLessThanOrEqualTo(1);
            assertThat(Ffmpeg.decodedFrames(joined, stream)).as(stream + " frames")
                    .isEqualTo(Ffmpeg.decodedFrames(source, stream) + discarded);
        }
    }

    @Test
    void h264WithBFramesAndAacRepackageExactly() throws Exception {
        assertRepackagedExactly(Ffmpeg.clip(dir.resolve("bframes.mp4"), 20, 25, "-c:v", "libx264", "-preset",
                "veryfast", "-bf", "3", "-g", "50", "-keyint_min", "50", "-sc_threshold", "0"));
    }

    @Test
    void h264WithoutBFramesRepackagesExactly() throws Exception {
        assertRepackagedExactly(Ffmpeg.clip(dir.resolve("baseline.mp4"), 12, 25, "-c:v", "libx264", "-preset",
                "ultrafast", "-profile:v", "baseline", "-g", "50"));
    }

    @Test
    void hevcRepackagesExactly() throws Exception {
        assumeTrue(Ffmpeg.hasEncoder("libx265"), "this ffmpeg has no libx265");
        assertRepackagedExactly(Ffmpeg.clip(dir.resolve("hevc.mp4"), 10, 25, "-c:v", "libx265", "-preset",
                "ultrafast", "-x265-params", "keyint=50:min-keyint=50:scenecut=0:log-level=error", "-tag:v", "hvc1"));
    }

    @Test
    void variableFrameRateRepackagesExactly() throws Exception {
        assertRepackagedExactly(Ffmpeg.clip(dir.resolve("vfr.mp4"), 12, 30, "-vf", "select='lt(mod(n\\,10)\\,7)'",
                "-fps_mode", "vfr", "-c:v", "libx264", "-preset", "veryfast", "-g", "30"));
    }

    @Test
    void delayedAudioRepackagesExactly() throws Exception {
        assertRepackagedExactly(Ffmpeg.make(dir.resolve("delayed.mp4"), "-f", "lavfi", "-i",
                "testsrc2=size=320x180:rate=25", "-itsoffset", "0.5", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-t", "8", "-c:v", "libx264", "-preset", "veryfast", "-g",
                "50", "-c:a", "aac", "-movflags", "+faststart"));
    }

    @Test
    void segmentHeaderDescribesTheSpansAndTheFirstSample() throws Exception {
        Path source = Ffmpeg.clip(dir.resolve("layout.mp4"), 14, 25, "-c:v", "libx264", "-preset", "veryfast",
                "-g", "50");
        byte[] bytes = Ffmpeg.read(source);
        TrackIndex video = Mp4IndexReader.read(Ffmpeg.moov(bytes), Duration.ofSeconds(6)).video().orElseThrow();
        for (SegmentIndex s : video.segments()) {
            SegmentLayout layout = Fmp4Writer.mediaSegment(video, s.number());
            assertThat(layout.sourceStart()).isEqualTo(s.sourceStart());
            assertThat(layout.sourceEnd()).isEqualTo(s.sourceEnd());
            assertThat(layout.contentLength()).isEqualTo(layout.header().length + s.payloadBytes());
            assertThat(layout.iframeLength()).isEqualTo(layout.header().length + video.samples().size(s.firstSample()));
            long spanBytes = layout.spans().stream().mapToLong(SourceSpan::length).sum();
            assertThat(spanBytes).isEqualTo(s.payloadBytes());
            assertThat(layout.spans().size()).as("audio is interleaved, so video comes in several spans")
                    .isGreaterThan(1);
            byte[] segment = Ffmpeg.segment(bytes, video, s.number());
            assertThat(Box.fourcc(segment, layout.header().length - 4)).isEqualTo("mdat");
            assertThat(java.util.Arrays.copyOfRange(segment, layout.header().length, (int) layout.iframeLength()))
                    .isEqualTo(java.util.Arrays.copyOfRange(bytes, (int) s.sourceStart(),
                            (int) s.sourceStart() + video.samples().size(s.firstSample())));
        }
    }
}
