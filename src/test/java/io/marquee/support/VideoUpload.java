package io.marquee.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** An admin uploading a video the way an HTTP client sends a large file: streamed with its length, never in memory. */
public final class VideoUpload {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private VideoUpload() {
    }

    /** PUTs a generated MP4 of {@code size} bytes ({@link Mp4Files#generated(long)}) to an admin media URI. */
    public static HttpResponse<String> generated(URI mediaUri, String adminToken, long size)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(mediaUri)
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "video/mp4")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> Mp4Files.generated(size)), size))
                .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
