package io.marquee.packaging.mp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenditionAlignmentTest {

    @TempDir
    static Path dir;
    static TrackIndex reference;

    static TrackIndex video(String name, String size, String... options) throws Mp4Refusal {
        String[] args = new String[options.length + 4];
        args[0] = "-s";
        args[1] = size;
        args[2] = "-c:v";
        args[3] = "libx264";
        System.arraycopy(options, 0, args, 4, options.length);
        Path file = Ffmpeg.clip(dir.resolve(name), 20, 25, args);
        return Mp4IndexReader.read(Ffmpeg.moov(Ffmpeg.read(file)), Duration.ofSeconds(6)).video().orElseThrow();
    }

    @BeforeAll
    static void referenceRendition() throws Mp4Refusal {
        reference = video("ref.mp4", "320x180", "-preset", "veryfast", "-g", "50", "-keyint_min", "50",
                "-sc_threshold", "0");
    }

    @Test
    void renditionsWithTheSameKeyframesAlign() throws Exception {
        TrackIndex smaller = video("small.mp4", "256x144", "-preset", "ultrafast", "-b:v", "100k",
                "-force_key_frames", "expr:gte(t,n_forced*2)");
        assertThat(smaller.segments()).hasSameSizeAs(reference.segments());
        assertThat(RenditionAlignment.check(reference, smaller)).isEmpty();
    }

    @Test
    void aRenditionWithOtherKeyframesIsNamedBySegmentAndTime() throws Exception {
        TrackIndex other = video("other.mp4", "256x144", "-preset", "veryfast", "-g", "35", "-keyint_min", "35",
                "-sc_threshold", "0");
        assertThat(RenditionAlignment.check(reference, other)).hasValueSatisfying(sentence -> assertThat(sentence)
                .contains("segment 1 starts at 6.000 s in the reference rendition but at 7.000 s in this one"));
    }
}
