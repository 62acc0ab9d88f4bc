package io.marquee.media;

import io.marquee.support.Bucket;
import io.marquee.support.Catalog;
import io.marquee.support.LocalServicesResource;
import io.marquee.support.Mp4Files;
import io.marquee.support.VideoUpload;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.net.URI;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application, started with a 64 MiB heap ({@code quarkus.test.arg-line}), takes a 160 MiB video intact:
 * the body streams to S3 and is never held in memory.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = LocalServicesResource.class, restrictToAnnotatedClass = true)
class LargeUploadIT {

    private static final long SIZE = 160L * 1024 * 1024;

    @Test
    void anUploadOfMoreThanTwiceTheHeapArrivesIntact() throws Exception {
        String admin = LocalServicesResource.adminToken();
        String title = Catalog.create(admin, Catalog.movie(Catalog.unique("Large"), 0));

        HttpResponse<String> response = VideoUpload.generated(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + "/api/v1/admin/titles/" + title + "/media?label=1080p"), admin, SIZE);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonPath asset = JsonPath.from(response.body());
        assertThat(asset.getLong("sizeBytes")).isEqualTo(SIZE);

        try (S3Client s3 = Bucket.client(LocalServicesResource.config())) {
            String key = Bucket.keys(s3, "titles/" + title + "/").get(0);
            HeadObjectResponse head = s3.headObject(r -> r.bucket(Bucket.NAME).key(key));
            assertThat(head.contentLength()).isEqualTo(SIZE);
            assertThat(head.eTag()).isEqualTo(asset.getString("etag"));
            assertThat(Bucket.sha256(s3, key)).isEqualTo(Bucket.sha256(Mp4Files.generated(SIZE)));
            assertThat(Bucket.pendingUploads(s3, "titles/" + title + "/")).isEmpty();
        }
    }
}
