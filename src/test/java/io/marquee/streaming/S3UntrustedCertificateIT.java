package io.marquee.streaming;

import io.marquee.support.Api;
import io.marquee.support.Bucket;
import io.marquee.support.Catalog;
import io.marquee.support.LocalServicesResource;
import io.marquee.support.Mp4Files;
import io.marquee.support.TlsS3Resource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * S3 behind HTTPS with a certificate the application's JVM does not trust ({@link TlsS3Resource.Untrusted}): the
 * upload is refused as storage being unavailable, and nothing reaches the bucket. Certificates are verified; nothing
 * trusts all.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = TlsS3Resource.Untrusted.class, restrictToAnnotatedClass = true)
class S3UntrustedCertificateIT {

    @Test
    void anUntrustedS3CertificateIsRefused() {
        String admin = LocalServicesResource.adminToken();
        String title = Catalog.create(admin, Catalog.movie(Catalog.unique("Untrusted"), 0));

        Api.as(admin).contentType("video/mp4").body(Mp4Files.resource("/media/sample.144p.mp4"))
                .put("/api/v1/admin/titles/" + title + "/media?label=144p")
                .then().statusCode(503).contentType("application/problem+json").body("status", equalTo(503));

        assertThat(TlsS3Resource.proxy.connectionsAccepted()).isPositive();
        assertThat(TlsS3Resource.proxy.bytesFromUpstream()).isZero();
        try (S3Client s3 = Bucket.client(LocalServicesResource.config())) {
            assertThat(Bucket.emptyFor(s3, title)).isTrue();
        }
    }
}
