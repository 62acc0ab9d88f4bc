package io.marquee.streaming;

import io.marquee.support.Api;
import io.marquee.support.Eventually;
import io.marquee.support.MediaFixtures;
import io.marquee.support.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Clients that go away and clients that read slowly: S3 connections are freed, memory stays bounded. */
@QuarkusTest
class StreamingResilienceTest {

    private static final int SIZE = 48 * 1024 * 1024;

    @Inject
    MediaFixtures media;
    @Inject
    StreamMetrics metrics;
    @TestHTTPResource("/")
    URL root;
    @ConfigProperty(name = "quarkus.s3.endpoint-override")
    String s3Endpoint;

    @Test
    void abortedDownloadsReturnTheirS3ConnectionsWithinFiveSeconds() throws Exception {
        String path = streamPath(MediaFixtures.bytes(8 * 1024 * 1024, 21));
        int baseline = establishedToS3();
        for (int i = 0; i < 100; i++) {
            try (RawHttp download = RawHttp.get(root, path)) {
                assertThat(download.status()).isEqualTo(200);
                download.read(download.contentLength() / 2);
            }
        }
        Eventually.within(Duration.ofSeconds(5), () -> metrics.openS3Bodies() == 0
                && metrics.activeStreams().get() == 0);
        Eventually.within(Duration.ofSeconds(5), () -> establishedToS3() <= baseline + 10);
    }

    @Test
    void aSlowReaderDoesNotMakeTheServerBufferTheObject() throws Exception {
        String path = streamPath(MediaFixtures.bytes(SIZE, 22));
        double before = bytesServed();
        try (RawHttp download = RawHttp.get(root, path)) {
            assertThat(download.status()).isEqualTo(200);
            long received = 0;
            for (int i = 0; i < 30; i++) {
                received += download.read(64 * 1024);
                Thread.sleep(100);
            }
            // Whatever the server took from S3 beyond what the client read is in flight: socket buffers plus one
            // small write queue. Without backpressure it would be the whole object within a second.
            double buffered = bytesServed() - before - received;
            assertThat(buffered).isLessThan(16 * 1024 * 1024);
            assertThat(received).isLessThan(SIZE / 4);
        }
        Eventually.within(Duration.ofSeconds(5), () -> metrics.openS3Bodies() == 0);
    }

    private double bytesServed() {
        return metrics.bytesServed();
    }

    private String streamPath(byte[] content) {
        UUID title = media.movie("Resilience " + UUID.randomUUID(), 0);
        media.video(title, "1080p", content);
        return Api.as(Api.newProfileToken()).contentType(ContentType.JSON).body(Map.of("titleId", title.toString()))
                .post("/api/v1/playback").then().statusCode(201).extract().path("streams[0].url");
    }

    /** Established TCP connections from this JVM to the S3 server (client side: remote port is S3's). */
    private int establishedToS3() {
        int port = URI.create(s3Endpoint).getPort();
        String remote = String.format(":%04X", port);
        int count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 3 && fields[2].endsWith(remote) && "01".equals(fields[3])) {
                        count++;
                    }
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return count;
    }
}
