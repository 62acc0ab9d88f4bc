package io.marquee.streaming;

import io.marquee.support.Api;
import io.marquee.support.Bucket;
import io.marquee.support.Catalog;
import io.marquee.support.Eventually;
import io.marquee.support.LocalServicesResource;
import io.marquee.support.Mp4Files;
import io.marquee.support.TlsS3Resource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application with S3 behind HTTPS ({@link TlsS3Resource}), as in production: the upload and the delete
 * (the AWS SDK's clients) and the byte endpoint's own HTTP client, whose body tap then sits behind the TLS handler,
 * all go through TLS with the JVM's trust store. A certificate the JVM does not trust is refused by the byte endpoint's
 * client too: no bytes, a 503 problem; with the trusted certificate back, streams resume without a restart.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = TlsS3Resource.class, restrictToAnnotatedClass = true)
class S3OverTlsIT {

    @Test
    void mediaIsUploadedStreamedAndDeletedOverHttps() {
        String admin = LocalServicesResource.adminToken();
        String title = Catalog.create(admin, Catalog.movie(Catalog.unique("Over TLS"), 0));
        byte[] video = Mp4Files.resource("/media/sample.144p.mp4");
        Catalog.uploadVideo(admin, title, "144p", video);

        String url = Catalog.firstStreamUrl(Api.newProfileToken(), title);
        byte[] range = RestAssured.given().urlEncodingEnabled(false).header("Range", "bytes=1000-2023").get(url)
                .then().statusCode(206).header("Content-Range", "bytes 1000-2023/" + video.length)
                .extract().asByteArray();
        assertThat(range).isEqualTo(Arrays.copyOfRange(video, 1000, 2024));
        byte[] whole = RestAssured.given().urlEncodingEnabled(false).get(url).then().statusCode(200)
                .extract().asByteArray();
        assertThat(whole).isEqualTo(video);
        // The application has no other way to S3 than the HTTPS front: the bytes above came through it.
        assertThat(TlsS3Resource.proxy.bytesFromUpstream()).isGreaterThan(video.length + 1024L);

        TlsS3Resource.presentUntrustedCertificate();
        int connections = TlsS3Resource.proxy.connectionsAccepted();
        long bytesFromS3 = TlsS3Resource.proxy.bytesFromUpstream();
        try {
            RestAssured.given().urlEncodingEnabled(false).header("Range", "bytes=0-1023").get(url)
                    .then().statusCode(503).contentType("application/problem+json");
            // It connected again (the front closed the connections made with the trusted certificate) and stopped at
            // the handshake: nothing came from S3.
            assertThat(TlsS3Resource.proxy.connectionsAccepted()).isGreaterThan(connections);
            assertThat(TlsS3Resource.proxy.bytesFromUpstream()).isEqualTo(bytesFromS3);
            // The operator learns why from the application's log.
            Eventually.within(Duration.ofSeconds(5), () -> appLog().contains("Storage unavailable for stream")
                    && appLog().contains("unable to find valid certification path"));
        } finally {
            TlsS3Resource.presentTrustedCertificate();
        }
        Eventually.within(Duration.ofSeconds(10), () -> RestAssured.given().urlEncodingEnabled(false)
                .header("Range", "bytes=0-1023").get(url).statusCode() == 206);

        Api.as(admin).delete("/api/v1/admin/titles/" + title).then().statusCode(204);
        try (S3Client s3 = Bucket.client(LocalServicesResource.config())) {
            Eventually.within(Duration.ofSeconds(10), () -> Bucket.emptyFor(s3, title));
        }
    }

    /** What the packaged app logged so far: Quarkus starts it with its log file at target/quarkus.log. */
    private static String appLog() {
        try {
            Path log = Path.of("target", "quarkus.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
