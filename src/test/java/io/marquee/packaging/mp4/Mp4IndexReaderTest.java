package io.marquee.packaging.mp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4IndexReaderTest {

    static final Duration SIX = Duration.ofSeconds(6);

    @TempDir
    static Path dir;
    static Path bframes;

    @BeforeAll
    static void clips() {
        bframes = Ffmpeg.clip(dir.resolve("bframes.mp4"), 20, 25, "-c:v", "libx264", "-preset", "veryfast",
                "-bf", "3", "-g", "50", "-keyint_min", "50", "-sc_threshold", "0");
    }

    static MediaIndex index(Path file) throws Mp4Refusal {
        return Mp4IndexReader.read(Ffmpeg.moov(Ffmpeg.read(file)), SIX);
    }

    /** The index's samples are ffprobe's packets: sizes, durations, presentation times, decode times up to a constant. */
    static void assertSamplesMatch(TrackIndex track, List<Ffmpeg.Packet> packets) {
        SampleTable s = track.samples();
        assertThat(s.count()).isEqualTo(packets.size());
        long dts0 = packets.get(0).dts();
        for (int i = 0; i < s.count(); i++) {
            Ffmpeg.Packet p = packets.get(i);
            String at = "sample " + i;
            assertThat(s.size(i)).as(at).isEqualTo(p.size());
            long duration = i + 1 < packets.size() ? packets.get(i + 1).dts() - p.dts() : p.duration();
            assertThat((long) s.duration(i)).as(at).isEqualTo(duration);
            assertThat(s.decodeTime(i) + s.compositionOffset(i)).as(at + " pts").isEqualTo(p.pts());
            assertThat(s.decodeTime(i)).as(at + " dts").isEqualTo(p.dts() - dts0);
            if (track.kind() == TrackKind.VIDEO) {
                assertThat(s.sync(i)).as(at + " key").isEqualTo(p.key());
            }
        }
    }

    @Test
    void h264WithBFramesAndAacMatchFfprobe() throws Exception {
        MediaIndex index = index(bframes);
        TrackIndex video = index.video().orElseThrow();
        TrackIndex audio = index.audio().orElseThrow();
        assertThat(video.codec()).matches("avc1\\.64[0-9a-f]{4}");
        assertThat(video.width()).isEqualTo(320);
        assertThat(video.height()).isEqualTo(180);
        assertThat(video.frameRate()).isCloseTo(25.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(audio.codec()).isEqualTo("mp4a.40.2");
        assertThat(audio.sampleRate()).isEqualTo(48000);
        assertThat(audio.channels()).isEqualTo(1);
        assertThat(audio.language()).isEqualTo("und");
        boolean negative = false;
        for (int i = 0; i < video.samples().count(); i++) {
            negative |= video.samples().compositionOffset(i) < 0;
        }
        assertThat(negative).as("B-frames presented before they are decoded, after the edit shift").isTrue();
        assertSamplesMatch(video, Ffmpeg.packets(bframes, "v:0"));
        assertSamplesMatch(audio, Ffmpeg.packets(bframes, "a:0"));
    }

    @Test
    void videoIsCutAtTheFirstKeyframeAtOrAfterEachTargetAndAudioAtTheSameInstants() throws Exception {
        MediaIndex index = index(bframes);
        TrackIndex video = index.video().orElseThrow();
        TrackIndex audio = index.audio().orElseThrow();
        // keyframes every 2 s: segments at 0, 6, 12, 18 s
        assertThat(video.segments()).extracting(s -> video.presentationStartTicks(s.number()) / video.timescale())
                .containsExactly(0L, 6L, 12L, 18L);
        assertThat(audio.segments()).hasSameSizeAs(video.segments());
        for (SegmentIndex v : video.segments().subList(1, video.segments().size())) {
            double videoStart = (double) video.presentationStartTicks(v.number()) / video.timescale();
            double audioStart = (double) audio.presentationStartTicks(v.number()) / audio.timescale();
            assertThat(audioStart).as("segment " + v.number()).isBetween(videoStart, videoStart + 1024.0 / 48000);
        }
        for (TrackIndex t : index.tracks()) {
            long bytes = 0;
            int next = 0;
            for (SegmentIndex s : t.segments()) {
                assertThat(s.firstSample()).isEqualTo(next);
                assertThat(s.startTicks()).isEqualTo(t.samples().decodeTime(s.firstSample()));
                assertThat(s.sourceStart()).isEqualTo(t.samples().offset(s.firstSample()));
                int last = s.firstSample() + s.sampleCount() - 1;
                assertThat(s.sourceEnd()).isEqualTo(t.samples().offset(last) + t.samples().size(last));
                next += s.sampleCount();
                bytes += s.payloadBytes();
            }
            assertThat(next).isEqualTo(t.samples().count());
            assertThat(t.averageBitrate()).isEqualTo(Math.round(bytes * 8.0 / t.durationSeconds()));
            assertThat(t.peakBitrate()).isGreaterThanOrEqualTo(t.averageBitrate());
        }
    }

    @Test
    void h264WithoutBFramesMatchesFfprobe() throws Exception {
        Path file = Ffmpeg.clip(dir.resolve("baseline.mp4"), 12, 25, "-c:v", "libx264", "-preset", "ultrafast",
                "-profile:v", "baseline", "-g", "50");
        TrackIndex video = index(file).video().orElseThrow();
        assertThat(video.codec()).startsWith("avc1.42");
        for (int i = 0; i < video.samples().count(); i++) {
            assertThat(video.samples().compositionOffset(i)).isZero();
        }
        assertSamplesMatch(video, Ffmpeg.packets(file, "v:0"));
    }

    @Test
    void hevcMatchesFfprobe() throws Exception {
        assumeTrue(Ffmpeg.hasEncoder("libx265"), "this ffmpeg has no libx265");
        Path file = Ffmpeg.clip(dir.resolve("hevc.mp4"), 10, 25, "-c:v", "libx265", "-preset", "ultrafast",
                "-x265-params", "keyint=50:min-keyint=50:scenecut=0:log-level=error", "-tag:v", "hvc1");
        MediaIndex index = index(file);
        TrackIndex video = index.video().orElseThrow();
        assertThat(video.codec()).matches("hvc1\\.1\\.6\\.L\\d+(\\.[0-9A-F]{1,2})*");
        assertSamplesMatch(video, Ffmpeg.packets(file, "v:0"));
    }

    @Test
    void variableFrameRateKeepsEachSampleDuration() throws Exception {
        Path file = Ffmpeg.clip(dir.resolve("vfr.mp4"), 12, 30, "-vf", "select='lt(mod(n\\,10)\\,7)'",
                "-fps_mode", "vfr", "-c:v", "libx264", "-preset", "veryfast", "-g", "30");
        TrackIndex video = index(file).video().orElseThrow();
        assertThat(video.samples().durationRuns()).isGreaterThan(2);
        assertSamplesMatch(video, Ffmpeg.packets(file, "v:0"));
    }

    @Test
    void aStartDelayIsCarriedIntoPresentationTimes() throws Exception {
        Path file = Ffmpeg.make(dir.resolve("delayed.mp4"), "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25",
                "-itsoffset", "0.5", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "8",
                "-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-c:a", "aac", "-movflags", "+faststart");
        MediaIndex index = index(file);
        TrackIndex audio = index.audio().orElseThrow();
        assertThat((double) audio.samples().compositionOffset(0) / audio.timescale()).isGreaterThan(0.4);
        assertSamplesMatch(audio, Ffmpeg.packets(file, "a:0"));
        assertSamplesMatch(index.video().orElseThrow(), Ffmpeg.packets(file, "v:0"));
    }
}
