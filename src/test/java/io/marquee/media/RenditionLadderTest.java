package io.marquee.media;

import io.marquee.account.service.AccountService;
import io.marquee.support.Bucket;
import io.marquee.support.Catalog;
import io.marquee.support.TestFilm;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/** The video renditions of a title, or of an episode, must have their keyframes at the same instants. */
@QuarkusTest
class RenditionLadderTest {

    @Inject
    AccountService accounts;
    @Inject
    S3Client s3;
    @Inject
    Pool pool;

    private String admin;
    private String title;

    @BeforeEach
    void title() {
        admin = Catalog.newAdminToken(accounts);
        title = Catalog.create(admin, Catalog.movie(Catalog.unique("Ladder"), 0));
    }

    @Test
    void aRenditionWhoseKeyframesDoNotLineUpIsRefusedAndItsObjectDeleted() {
        String kept = upload("titles/" + title, "360p", film("360p")).statusCode(201).extract().path("assetId");
        List<String> keys = Bucket.keys(s3, "titles/" + title + "/");

        upload("titles/" + title, "240p", TestFilm.misalignedRendition()).statusCode(422)
                .contentType("application/problem+json")
                .body("detail", allOf(containsString("The 240p rendition cannot join the 360p rendition"),
                        containsString("segment 1 starts at 6.000 s in the reference rendition but at 7.200 s"),
                        containsString("-force_key_frames")));

        // The object was complete in S3 before the install refused it: it is deleted, the 360p stays.
        assertThat(Bucket.keys(s3, "titles/" + title + "/")).isEqualTo(keys);
        assertThat(Bucket.pendingUploads(s3, "titles/" + title + "/")).isEmpty();
        assertThat(videoAssets(title)).containsExactly(UUID.fromString(kept));
    }

    @Test
    void replacingARenditionIsCheckedAgainstTheOthersButNotItself() {
        upload("titles/" + title, "360p", TestFilm.plainClip()).statusCode(201);
        // The only rendition: nothing to align with.
        upload("titles/" + title, "360p", TestFilm.misalignedRendition()).statusCode(201);
        upload("titles/" + title, "240p", TestFilm.misalignedRendition()).statusCode(201);
        // Two renditions: the replacement of one must align with the other.
        upload("titles/" + title, "240p", TestFilm.plainClip()).statusCode(422)
                .body("detail", containsString("cannot join the 360p rendition"));
        assertThat(videoAssets(title)).hasSize(2);
    }

    @Test
    void anEpisodesRenditionsAreComparedWithThatEpisodesOnly() {
        String series = Catalog.create(admin, Catalog.series(Catalog.unique("Ladder series"), 0));
        String first = Catalog.episode(admin, series, 1, 1, 180);
        String second = Catalog.episode(admin, series, 1, 2, 12);
        upload("episodes/" + first, "360p", film("360p")).statusCode(201);
        upload("episodes/" + second, "240p", TestFilm.misalignedRendition()).statusCode(201);
        upload("episodes/" + first, "240p", TestFilm.misalignedRendition()).statusCode(422);
        upload("episodes/" + first, "240p", film("240p")).statusCode(201);
    }

    @Test
    void twoRenditionsUploadedAtOnceAreCheckedAgainstEachOther() {
        CompletableFuture<Integer> aligned = CompletableFuture.supplyAsync(
                () -> upload("titles/" + title, "360p", film("360p")).extract().statusCode());
        CompletableFuture<Integer> misaligned = CompletableFuture.supplyAsync(
                () -> upload("titles/" + title, "240p", TestFilm.misalignedRendition()).extract().statusCode());
        // Whichever installs second is checked against the first, under the title's row lock.
        assertThat(List.of(aligned.join(), misaligned.join())).containsExactlyInAnyOrder(201, 422);
        assertThat(videoAssets(title)).hasSize(1);
        assertThat(Bucket.keys(s3, "titles/" + title + "/")).hasSize(1);
    }

    @Test
    void theFilmsThreeRenditionsFormTheLadderTheAdminSees() {
        for (TestFilm.Rendition r : TestFilm.renditions()) {
            upload("titles/" + title, r.label(), r.file()).statusCode(201);
        }
        upload("titles/" + title + "/subtitles/en", null, TestFilm.subtitles(), "text/vtt").statusCode(201);

        var ladder = RestAssured.given().header("Authorization", "Bearer " + admin)
                .get("/api/v1/admin/titles/" + title + "/media").then().statusCode(200).extract().jsonPath();
        assertThat(ladder.getList("renditions.label")).containsExactly("360p", "240p", "144p");
        assertThat(ladder.getList("renditions.width", Integer.class)).containsExactly(640, 426, 256);
        assertThat(ladder.getList("renditions.index")).containsOnly("indexed");
        assertThat(ladder.getList("renditions.segmentCount", Integer.class)).containsOnly(30);
        assertThat(ladder.getList("renditions.audioCodec")).containsOnly("mp4a.40.2");
        assertThat(ladder.getList("renditions.durationSeconds", Double.class)).containsOnly(180.0);
        assertThat(ladder.getList("renditions.frameRate", Double.class)).containsOnly(25.0);
        List<Long> bitrates = ladder.getList("renditions.averageBitrate", Long.class);
        assertThat(bitrates.get(0)).isGreaterThan(bitrates.get(1));
        assertThat(bitrates.get(1)).isGreaterThan(bitrates.get(2));
        assertThat(ladder.getList("subtitles.language")).containsExactly("en");
    }

    private Path film(String label) {
        return TestFilm.renditions().stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow().file();
    }

    private ValidatableResponse upload(String owner, String label, Path file) {
        return upload(owner + "/media", label, file, "video/mp4");
    }

    private ValidatableResponse upload(String path, String label, Path file, String type) {
        return RestAssured.given().header("Authorization", "Bearer " + admin).contentType(type)
                .body(TestFilm.read(file))
                .put("/api/v1/admin/" + path + (label == null ? "" : "?label=" + label)).then();
    }

    private List<UUID> videoAssets(String titleId) {
        List<UUID> ids = new java.util.ArrayList<>();
        pool.preparedQuery("SELECT id FROM media_asset WHERE title_id = $1 AND kind = 'video'")
                .execute(Tuple.of(UUID.fromString(titleId))).await().indefinitely()
                .forEach(row -> ids.add(row.getUUID("id")));
        return ids;
    }
}
