package io.marquee.media;

import io.marquee.account.service.AccountService;
import io.marquee.support.Api;
import io.marquee.support.Catalog;
import io.marquee.support.MediaFixtures;
import io.marquee.support.Mp4Files;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** What administrators see of a title's media, and the index backfill they can run. */
@QuarkusTest
class AdminMediaTest {

    @Inject
    AccountService accounts;
    @Inject
    MediaFixtures media;

    @Test
    void aSeriesLadderIsGroupedByEpisode() {
        String admin = Catalog.newAdminToken(accounts);
        String series = Catalog.create(admin, Catalog.series(Catalog.unique("Grouped"), 0));
        String pilot = Catalog.episode(admin, series, 1, 1, 40);
        String second = Catalog.episode(admin, series, 1, 2, 40);
        upload(admin, "/api/v1/admin/episodes/" + pilot + "/media?label=360p", "video/mp4", Mp4Files.sample());
        upload(admin, "/api/v1/admin/episodes/" + pilot + "/media?label=240p", "video/mp4",
                Mp4Files.resource("/media/sample.240p.mp4"));
        upload(admin, "/api/v1/admin/titles/" + series + "/artwork/poster", "image/png", MediaUploadTest.png());

        JsonPath title = Api.as(admin).get("/api/v1/admin/titles/" + series + "/media").then().statusCode(200)
                .body("type", equalTo("series")).extract().jsonPath();
        assertThat(title.getList("renditions")).isEmpty();
        assertThat(title.getList("artwork.kind")).containsExactly("poster");
        assertThat(title.getList("episodes.episodeId")).containsExactly(pilot, second);
        assertThat(title.getList("episodes[0].renditions.label")).containsExactly("360p", "240p");
        assertThat(title.getList("episodes[0].renditions.videoCodec")).containsExactly("avc1.4d401e", "avc1.4d4015");
        assertThat(title.getList("episodes[1].renditions")).isEmpty();

        Api.as(admin).get("/api/v1/admin/episodes/" + pilot + "/media").then().statusCode(200)
                .body("renditions.height", equalTo(List.of(360, 240)))
                .body("renditions.segmentCount", equalTo(List.of(7, 7)));
    }

    @Test
    void theBackfillIndexesWhatHasNoIndexAndSaysWhyNotForTheRest() {
        String admin = Catalog.newAdminToken(accounts);
        UUID title = media.movie(Catalog.unique("Backfilled"), 0);
        UUID film = media.video(title, "360p", MediaFixtures.SAMPLE_VIDEO);
        UUID noise = media.video(title, "240p", MediaFixtures.bytes(10_000, 71));
        String path = "/api/v1/admin/titles/" + title + "/media";
        Api.as(admin).get(path).then().statusCode(200).body("renditions.index", equalTo(List.of("pending", "pending")));

        JsonPath report = Api.as(admin).post("/api/v1/admin/media/index").then().statusCode(200).extract().jsonPath();
        List<Map<String, String>> failed = report.getList("failed");
        assertThat(failed).anySatisfy(f -> {
            assertThat(f.get("assetId")).isEqualTo(noise.toString());
            assertThat(f.get("reason")).isEqualTo("MALFORMED");
        });
        assertThat(failed).noneSatisfy(f -> assertThat(f.get("assetId")).isEqualTo(film.toString()));

        JsonPath ladder = Api.as(admin).get(path).then().statusCode(200).extract().jsonPath();
        assertThat(ladder.getString("renditions.find { it.label == '360p' }.index")).isEqualTo("indexed");
        assertThat(ladder.getString("renditions.find { it.label == '360p' }.videoCodec")).isEqualTo("avc1.4d401e");
        assertThat(ladder.getString("renditions.find { it.label == '240p' }.index")).isEqualTo("failed");
        assertThat(ladder.getString("renditions.find { it.label == '240p' }.indexProblem")).contains("not an MP4");

        // A second run finds the film indexed; the failure is tried again (an admin asked) and reported again.
        JsonPath again = Api.as(admin).post("/api/v1/admin/media/index").then().statusCode(200).extract().jsonPath();
        assertThat(again.getLong("alreadyIndexed")).isGreaterThanOrEqualTo(1);
        assertThat(again.getList("failed.assetId")).contains(noise.toString());
    }

    @Test
    void onlyAdministratorsSeeMediaOfTitlesThatExist() {
        String admin = Catalog.newAdminToken(accounts);
        Api.as(admin).get("/api/v1/admin/titles/" + UUID.randomUUID() + "/media").then().statusCode(404)
                .contentType("application/problem+json");
        Api.as(admin).get("/api/v1/admin/episodes/" + UUID.randomUUID() + "/media").then().statusCode(404);
        String title = Catalog.create(admin, Catalog.movie(Catalog.unique("Private"), 0));
        Api.as(Api.newAccountToken()).get("/api/v1/admin/titles/" + title + "/media").then().statusCode(403);
        Api.as(Api.newAccountToken()).post("/api/v1/admin/media/index").then().statusCode(403);
        RestAssured.get("/api/v1/admin/titles/" + title + "/media").then().statusCode(401);
    }

    private static void upload(String admin, String path, String type, byte[] body) {
        RestAssured.given().header("Authorization", "Bearer " + admin).contentType(type).body(body).put(path)
                .then().statusCode(201);
    }
}
