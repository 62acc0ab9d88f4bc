package io.marquee.packaging;

import io.marquee.support.AdaptiveFixtures;
import io.marquee.support.TestFilm;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * ffprobe and ffmpeg read the packaged HLS master playlist and DASH MPD by URL, as a player would, and decode a frame
 * after {@code -ss 30}: a picture of the top source rendition from around 30 s, bit for bit.
 */
@QuarkusTest
class PackagedRealClientsTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void ffmpegReadsTheHlsMasterPlaylistAndDecodesTheFrameAt30Seconds() throws Exception {
        JsonPath playback = AdaptiveFixtures.playback(AdaptiveFixtures.film("HLS ffmpeg " + UUID.randomUUID()));
        String url = absolute(playback.getString("hlsUrl"));
        probes(url);
        // -ss after -i: ffmpeg 5.1's HLS demuxer cannot seek in fMP4 playlists (it fails the same way on the playlists
        // ffmpeg itself writes with -hls_segment_type fmp4); decoding on and dropping frames until 30 s still goes
        // through the packaged playlists and segments.
        decodesAFrameNear30Seconds("-i", url, "-ss", "30");
    }

    @Test
    void ffmpegReadsTheDashManifestAndDecodesTheFrameAt30Seconds() throws Exception {
        JsonPath playback = AdaptiveFixtures.playback(AdaptiveFixtures.film("DASH ffmpeg " + UUID.randomUUID()));
        String url = absolute(playback.getString("dashUrl"));
        probes(url);
        decodesAFrameNear30Seconds("-ss", "30", "-i", url);
    }

    /** ffprobe sees every rendition, the audio and the whole duration. */
    private void probes(String url) throws Exception {
        Result probe = run("ffprobe", "-v", "error", "-show_entries", "format=duration:stream=codec_name,height",
                "-of", "json", url);
        assertThat(probe.exitCode()).as(probe.output()).isZero();
        JsonPath probed = JsonPath.from(probe.output());
        List<Integer> heights = TestFilm.renditions().stream().map(TestFilm.Rendition::height).sorted().toList();
        assertThat(probed.getList("streams.findAll { it.codec_name == 'h264' }.height", Integer.class).stream()
                .sorted().toList()).isEqualTo(heights);
        assertThat(probed.getList("streams.codec_name", String.class)).contains("aac");
        assertThat(probed.getDouble("format.duration")).isCloseTo(TestFilm.LENGTH.toSeconds(), within(0.5));
    }

    /**
     * ffmpeg picks the highest resolution; the frame it decodes must be, byte for byte, one of the top source
     * rendition's frames within 0.12 s of 30 s. Not exactly the one at 30 s: the fragments carry B-frame delays as
     * negative composition offsets (docs/FMP4.md), which ffmpeg presents later by the largest of them (2 frames here),
     * while MSE players present them where the source's edit list did.
     */
    private void decodesAFrameNear30Seconds(String... input) throws Exception {
        TestFilm.Rendition top = TestFilm.renditions().stream().max(Comparator.comparingInt(TestFilm.Rendition::height))
                .orElseThrow();
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error"));
        command.addAll(List.of(input));
        command.addAll(List.of("-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"));
        byte[] frame = frames(command.toArray(String[]::new));
        byte[] nearby = frames("ffmpeg", "-nostdin", "-v", "error", "-ss", "29.88", "-i", top.file().toString(), "-t", "0.24",
                "-f", "rawvideo", "-pix_fmt", "rgb24", "-");
        int size = top.width() * top.height() * 3;
        assertThat(frame.length).as("one RGB frame of the top rendition").isEqualTo(size);
        assertThat(nearby.length % size).isZero();
        boolean found = false;
        for (int at = 0; at < nearby.length && !found; at += size) {
            found = Arrays.equals(frame, Arrays.copyOfRange(nearby, at, at + size));
        }
        assertThat(found).as("the decoded frame is one of the %d source frames around 30 s", nearby.length / size).isTrue();
    }

    /** The raw frames ffmpeg writes to its standard output. */
    private static byte[] frames(String... command) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("ffmpeg", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectError(errors.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("Timed out: " + List.of(command));
            }
            assertThat(process.exitValue()).as(Files.readString(errors)).isZero();
            return output;
        } finally {
            Files.delete(errors);
        }
    }

    private String absolute(String url) {
        assertThat(url).isNotNull();
        return url.startsWith("http") ? url : root.toString().replaceAll("/$", "") + url;
    }

    record Result(int exitCode, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Timed out: " + List.of(command));
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
