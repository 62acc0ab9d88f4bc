package io.marquee.media;

import io.marquee.account.service.AccountService;
import io.marquee.support.Bucket;
import io.marquee.support.Catalog;
import io.marquee.support.Eventually;
import io.marquee.support.FaultyProxy;
import io.marquee.support.FaultyS3Profile;
import io.marquee.support.MediaFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A title delete that S3 cannot carry out answers 204 once committed; its objects are deleted when S3 is back. */
@QuarkusTest
@TestProfile(FaultyS3Profile.class)
class OrphanedMediaTest {

    @Inject
    AccountService accounts;
    @Inject
    MediaFixtures media;
    @Inject
    S3Client s3;
    @Inject
    Pool pool;

    @AfterEach
    void heal() {
        FaultyS3Profile.proxy.mode(FaultyProxy.Mode.PASS);
    }

    @Test
    void aTitleDeletedWhileS3RefusesLeavesNoOrphanOnceS3IsBack() {
        String admin = Catalog.newAdminToken(accounts);
        String title = Catalog.create(admin, Catalog.movie(Catalog.unique("Orphan"), 0));
        media.video(UUID.fromString(title), "720p", MediaFixtures.bytes(4096, 7));
        media.video(UUID.fromString(title), "480p", MediaFixtures.bytes(2048, 8));
        assertThat(Bucket.keys(s3, "test/" + title)).hasSize(2);

        FaultyS3Profile.proxy.mode(FaultyProxy.Mode.REFUSE);
        RestAssured.given().header("Authorization", "Bearer " + admin).delete("/api/v1/admin/titles/" + title)
                .then().statusCode(204);
        assertThat(orphans(title)).isEqualTo(2);
        RestAssured.given().header("Authorization", "Bearer " + admin).get("/api/v1/titles/" + title)
                .then().statusCode(404);

        FaultyS3Profile.proxy.mode(FaultyProxy.Mode.PASS);
        Eventually.within(Duration.ofSeconds(30), () -> orphans(title) == 0);
        assertThat(Bucket.keys(s3, "test/" + title)).isEmpty();
    }

    private long orphans(String title) {
        return pool.preparedQuery("SELECT count(*) FROM media_orphan WHERE s3_key LIKE $1")
                .execute(Tuple.of("test/" + title + "/%")).await().indefinitely().iterator().next().getLong(0);
    }
}
