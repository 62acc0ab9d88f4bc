package io.marquee.streaming;

import io.marquee.support.Api;
import io.marquee.support.MediaFixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Real players and tools against a stream URL: curl, ffprobe, and ffmpeg seeking into the middle by ranges. */
@QuarkusTest
class RealClientsTest {

    @Inject
    MediaFixtures media;

    @TestHTTPResource("/")
    URL root;

    @Test
    void curlFetchesExactRanges() throws Exception {
        String url = streamUrl();
        byte[] sample = Files.readAllBytes(MediaFixtures.SAMPLE_VIDEO);
        Path out = Files.createTempFile("range", ".bin");
        Result result = run("curl", "-sS", "-r", "1000-1999", "-o", out.toString(), "-w", "%{http_code} %{size_download}",
                url);
        assertThat(result.output().trim()).isEqualTo("206 1000");
        assertThat(Files.readAllBytes(out)).isEqualTo(Arrays.copyOfRange(sample, 1000, 2000));
        Result headers = run("curl", "-sS", "-D", "-", "-o", "/dev/null", "-r", "-500", url);
        assertThat(headers.output()).contains("HTTP/1.1 206").containsIgnoringCase(
                "content-range: bytes " + (sample.length - 500) + "-" + (sample.length - 1) + "/" + sample.length);
        Files.delete(out);
    }

    @Test
    void ffprobeReadsDurationAndStreams() throws Exception {
        Result result = run("ffprobe", "-v", "error", "-show_entries", "format=duration:stream=codec_name",
                "-of", "default=noprint_wrappers=1", streamUrl());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("codec_name=h264", "codec_name=aac");
        double duration = Double.parseDouble(result.output().lines().filter(l -> l.startsWith("duration="))
                .findFirst().orElseThrow().substring("duration=".length()));
        assertThat(duration).isBetween(39.5, 40.5);
    }

    @Test
    void ffmpegSeeksToTheMiddleAndDecodesAFrame() throws Exception {
        Path frame = Files.createTempFile("frame", ".png");
        Result result = run("ffmpeg", "-nostdin", "-v", "error", "-y", "-ss", "30", "-i", streamUrl(), "-frames:v", "1", frame.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(Files.size(frame)).isGreaterThan(1000);
        Files.delete(frame);
    }

    private String streamUrl() {
        UUID title = media.movie("Real Clients " + UUID.randomUUID(), 0);
        media.video(title, "360p", MediaFixtures.SAMPLE_VIDEO);
        String path = Api.as(Api.newProfileToken()).contentType(ContentType.JSON).body(Map.of("titleId", title.toString()))
                .post("/api/v1/playback").then().statusCode(201).extract().path("streams[0].url");
        return root.toString().replaceAll("/$", "") + path;
    }

    record Result(int exitCode, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(args).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Timed out: " + args);
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
