package io.marquee.library;

import io.marquee.account.service.AccountService;
import io.marquee.library.service.WatchHistory;
import io.marquee.support.Api;
import io.marquee.support.Catalog;
import io.marquee.support.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class LibraryTest {

    @Inject
    AccountService accounts;
    @Inject
    WatchHistory history;

    private String admin;
    private String viewer;
    private UUID profile;

    @BeforeEach
    void profile() {
        admin = Catalog.newAdminToken(accounts);
        viewer = Api.newProfileToken();
        profile = UUID.fromString(Api.claims(viewer).getString("pid"));
    }

    @Test
    void myListIsIdempotentAndMostRecentFirst() {
        String first = Catalog.create(admin, Catalog.movie(Catalog.unique("First"), 0));
        String second = Catalog.create(admin, Catalog.movie(Catalog.unique("Second"), 0));
        String third = Catalog.create(admin, Catalog.movie(Catalog.unique("Third"), 0));
        for (String id : List.of(first, second, third, first)) {
            Api.as(viewer).put("/api/v1/me/list/" + id).then().statusCode(204);
        }
        Api.as(viewer).get("/api/v1/me/list").then().statusCode(200)
                .body("items.id", contains(third, second, first));
        JsonPath page = Api.as(viewer).queryParam("limit", 2).get("/api/v1/me/list").then().extract().jsonPath();
        assertThat(page.getList("items.id")).containsExactly(third, second);
        Api.as(viewer).queryParam("limit", 2).queryParam("cursor", page.getString("nextCursor")).get("/api/v1/me/list")
                .then().body("items.id", contains(first)).body("nextCursor", nullValue());
        Api.as(viewer).delete("/api/v1/me/list/" + second).then().statusCode(204);
        Api.as(viewer).delete("/api/v1/me/list/" + second).then().statusCode(204);
        Api.as(viewer).get("/api/v1/me/list").then().body("items.id", contains(third, first));
        Api.as(viewer).put("/api/v1/me/list/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void ratingsAreValidated() {
        String id = Catalog.create(admin, Catalog.movie(Catalog.unique("Rated"), 0));
        for (String rating : List.of("up", "down", "none", "none")) {
            rate(id, rating).then().statusCode(204);
        }
        rate(id, "sideways").then().statusCode(400).body("errors[0].field", equalTo("rating"));
        rate(UUID.randomUUID().toString(), "up").then().statusCode(404);
    }

    @Test
    void continueWatchingKeepsWhatIsBetweenFiveAndNinetyPercent() {
        String sampled = Catalog.create(admin, Catalog.movie(Catalog.unique("Sampled"), 0));
        String halfway = Catalog.create(admin, Catalog.movie(Catalog.unique("Halfway"), 0));
        String finished = Catalog.create(admin, Catalog.movie(Catalog.unique("Finished"), 0));
        progress(sampled, null, 40, 1000);
        progress(finished, null, 950, 1000);
        progress(halfway, null, 500, 1000);
        Api.as(viewer).get("/api/v1/me/continue-watching").then().statusCode(200)
                .body("items.title.id", contains(halfway))
                .body("items[0].positionSeconds", equalTo(500)).body("items[0].durationSeconds", equalTo(1000))
                .body("items[0].episodeId", nullValue());
    }

    @Test
    void aWatchedEpisodeLeadsToTheNextOne() {
        String series = Catalog.create(admin, Catalog.series(Catalog.unique("Serial"), 0));
        String s1e1 = Catalog.episode(admin, series, 1, 1, 1000);
        String s1e2 = Catalog.episode(admin, series, 1, 2, 1000);
        String s2e1 = Catalog.episode(admin, series, 2, 1, 1200);
        progress(series, s1e1, 980, 1000);
        Api.as(viewer).get("/api/v1/me/continue-watching").then()
                .body("items[0].title.id", equalTo(series)).body("items[0].episodeId", equalTo(s1e2))
                .body("items[0].positionSeconds", equalTo(0));
        progress(series, s1e2, 300, 1000);
        Api.as(viewer).get("/api/v1/me/continue-watching").then()
                .body("items[0].episodeId", equalTo(s1e2)).body("items[0].positionSeconds", equalTo(300));
        progress(series, s1e2, 1000, 1000);
        Api.as(viewer).get("/api/v1/me/continue-watching").then()
                .body("items[0].episodeId", equalTo(s2e1)).body("items[0].durationSeconds", equalTo(1200));
        progress(series, s2e1, 1150, 1200);
        Api.as(viewer).get("/api/v1/me/continue-watching").then().body("items.title.id", not(hasItem(series)));
    }

    @Test
    void homeHasContinueWatchingMyListBecauseYouLikedTrendingAndGenreRows() {
        String genre = "mystery";
        String liked = Catalog.create(admin, Catalog.movie(Catalog.unique("Liked"), 0, genre, "crime"));
        String similar = Catalog.create(admin, Catalog.movie(Catalog.unique("Similar"), 0, genre, "crime"));
        String watchedSimilar = Catalog.create(admin, Catalog.movie(Catalog.unique("Seen"), 0, genre));
        String listed = Catalog.create(admin, Catalog.movie(Catalog.unique("Listed"), 0, "romance"));
        String hit = Catalog.create(admin, Catalog.movie(Catalog.unique("Hit"), 0, "romance"));

        rate(liked, "up").then().statusCode(204);
        Api.as(viewer).put("/api/v1/me/list/" + listed).then().statusCode(204);
        progress(watchedSimilar, null, 300, 1000);
        String someoneElse = Api.newProfileToken();
        UUID other = UUID.fromString(Api.claims(someoneElse).getString("pid"));
        for (int i = 0; i < 200; i++) {
            await(() -> history.recordPlay(other, UUID.fromString(hit)));
        }

        JsonPath home = Api.as(viewer).get("/api/v1/me/home").then().statusCode(200)
                .header("ETag", notNullValue()).extract().jsonPath();
        List<String> rowIds = home.getList("rows.id");
        assertThat(rowIds).startsWith("continue-watching", "my-list", "because-you-liked:" + liked, "trending");
        assertThat(rowIds).contains("genre:" + genre, "genre:romance");
        assertThat(row(home, "continue-watching")).containsExactly(watchedSimilar);
        assertThat(row(home, "my-list")).containsExactly(listed);
        assertThat(home.getString("rows[2].name")).startsWith("Because you liked Liked");
        assertThat(row(home, "because-you-liked:" + liked)).contains(similar).doesNotContain(liked, watchedSimilar);
        assertThat(row(home, "trending").get(0)).isEqualTo(hit);
        assertThat(row(home, "genre:romance").get(0)).isEqualTo(hit);
    }

    @Test
    void progressJoinsTheCallersTransaction() {
        String id = Catalog.create(admin, Catalog.movie(Catalog.unique("Rolled back"), 0));
        try {
            VertxContextSupport.subscribeAndAwait(() -> io.quarkus.hibernate.reactive.panache.Panache.withTransaction(
                    () -> history.recordProgress(profile, UUID.fromString(id), null, 500, 1000)
                            .chain(() -> history.recordPlay(profile, UUID.fromString(id)))
                            .chain(() -> io.smallrye.mutiny.Uni.createFrom().failure(new IllegalStateException("undo")))));
        } catch (Throwable expected) {
            assertThat(expected).hasMessage("undo");
        }
        Api.as(viewer).get("/api/v1/me/continue-watching").then().body("items.title.id", not(hasItem(id)));
        progress(id, null, 500, 1000);
        Api.as(viewer).get("/api/v1/me/continue-watching").then().body("items.title.id", hasItem(id));
    }

    private static List<String> row(JsonPath home, String id) {
        return home.getList("rows.find { it.id == '" + id + "' }.items.id");
    }

    private io.restassured.response.Response rate(String titleId, String rating) {
        return Api.as(viewer).contentType(ContentType.JSON).body(Map.of("rating", rating))
                .put("/api/v1/me/ratings/" + titleId);
    }

    private void progress(String titleId, String episodeId, int position, int duration) {
        await(() -> history.recordProgress(profile, UUID.fromString(titleId),
                episodeId == null ? null : UUID.fromString(episodeId), position, duration));
    }

    private static void await(Supplier<io.smallrye.mutiny.Uni<Void>> work) {
        try {
            VertxContextSupport.subscribeAndAwait(work::get);
            // The next write must get a later updated_at (continue watching follows the latest), even on a coarse clock.
            Instant written = Instant.now();
            Eventually.within(Duration.ofSeconds(1), () -> Instant.now().isAfter(written));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
