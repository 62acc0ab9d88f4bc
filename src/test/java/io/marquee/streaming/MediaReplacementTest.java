package io.marquee.streaming;

import io.marquee.account.service.AccountService;
import io.marquee.support.Bucket;
import io.marquee.support.Catalog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Media replaced or gone under a cached entry is served afresh, never a 502 until the cache expires. */
@QuarkusTest
class MediaReplacementTest {

    @Inject
    AccountService accounts;
    @Inject
    S3Client s3;
    @Inject
    Pool pool;

    private String admin;

    @BeforeEach
    void admin() {
        admin = Catalog.newAdminToken(accounts);
    }

    @Test
    void aReplacedPosterIsServedAtOnceWithItsNewBytes() {
        String title = Catalog.create(admin, Catalog.movie(Catalog.unique("Replaced poster"), 0));
        byte[] first = png(4, 6);
        byte[] second = png(9, 3);
        upload(title, first);
        Response before = RestAssured.get("/artwork/" + title + "/poster");
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.asByteArray()).isEqualTo(first);

        upload(title, second);
        Response after = RestAssured.get("/artwork/" + title + "/poster");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.asByteArray()).isEqualTo(second);
        assertThat(after.header("ETag")).isNotEqualTo(before.header("ETag"));
    }

    @Test
    void anObjectGoneFromS3UnderACachedEntryIsLookedUpAgain() {
        String title = Catalog.create(admin, Catalog.movie(Catalog.unique("Moved poster"), 0));
        byte[] first = png(5, 5);
        byte[] moved = png(7, 2);
        upload(title, first);
        assertThat(RestAssured.get("/artwork/" + title + "/poster").statusCode()).isEqualTo(200); // now cached

        // Behind the application's back (no notification): the row points at a new object, the old one is gone.
        var row = pool.preparedQuery("SELECT id, s3_key FROM media_asset WHERE title_id = $1 AND kind = 'poster'")
                .execute(Tuple.of(java.util.UUID.fromString(title))).await().indefinitely().iterator().next();
        String oldKey = row.getString("s3_key");
        String newKey = oldKey + ".moved.png";
        s3.putObject(b -> b.bucket(Bucket.NAME).key(newKey).contentType("image/png"), RequestBody.fromBytes(moved));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(Bucket.NAME).key(newKey));
        pool.preparedQuery("UPDATE media_asset SET s3_key = $2, etag = $3, size_bytes = $4, last_modified = $5 WHERE id = $1")
                .execute(Tuple.of(row.getUUID("id"), newKey, head.eTag(), head.contentLength(),
                        OffsetDateTime.ofInstant(head.lastModified(), ZoneOffset.UTC)))
                .await().indefinitely();
        s3.deleteObject(b -> b.bucket(Bucket.NAME).key(oldKey));

        Response response = RestAssured.get("/artwork/" + title + "/poster");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.asByteArray()).isEqualTo(moved);
    }

    private void upload(String title, byte[] png) {
        RestAssured.given().header("Authorization", "Bearer " + admin).contentType("image/png").body(png)
                .put("/api/v1/admin/titles/" + title + "/artwork/poster").then().statusCode(201);
    }

    private static byte[] png(int width, int height) {
        try {
            var out = new ByteArrayOutputStream();
            javax.imageio.ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
