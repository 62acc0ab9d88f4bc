package io.marquee.catalog;

import io.marquee.account.service.AccountService;
import io.marquee.support.Api;
import io.marquee.support.Catalog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class CatalogBrowseTest {

    @Inject
    AccountService accounts;

    private String admin;

    @BeforeEach
    void admin() {
        admin = Catalog.newAdminToken(accounts);
    }

    @Test
    void pagingHasNoDuplicatesOrGapsWhileTitlesAreAdded() {
        String scope = Catalog.genre(admin);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            created.add(Catalog.create(admin, Catalog.movie(Catalog.unique("Paged " + (char) ('a' + i)), 0, scope)));
        }
        for (String sort : List.of("popular", "newest", "title")) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                var request = Api.as(admin).queryParam("genre", scope).queryParam("sort", sort).queryParam("limit", 5);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                JsonPath page = request.get("/api/v1/titles").then().statusCode(200).extract().jsonPath();
                seen.addAll(page.getList("items.id"));
                cursor = page.getString("nextCursor");
                pages++;
                // Titles added between pages, sorting before, between and after what was already read.
                Catalog.create(admin, Catalog.movie((pages % 2 == 0 ? "A " : "Z ") + Catalog.unique("Late"), 0, scope));
            } while (cursor != null && pages < 20);
            assertThat(new HashSet<>(seen)).as("no duplicates in " + sort).hasSize(seen.size());
            assertThat(seen).as("no gaps in " + sort).containsAll(created);
        }
    }

    @Test
    void filtersAndSortsApply() {
        String scope = Catalog.genre(admin);
        String genre = Catalog.genre(admin);
        String movie = Catalog.create(admin, Catalog.movie("Bravo " + Catalog.unique(""), 0, scope, genre));
        String series = Catalog.create(admin, Catalog.series("Alpha " + Catalog.unique(""), 0, scope, genre));
        Map<String, Object> c = Catalog.movie("Charlie " + Catalog.unique(""), 0, scope, "comedy");
        c.put("year", 1931);
        String other = Catalog.create(admin, c);
        Api.as(admin).queryParam("genre", scope).queryParam("sort", "title").get("/api/v1/titles").then()
                .statusCode(200).body("items.id", org.hamcrest.Matchers.contains(series, movie, other));
        Api.as(admin).queryParam("genre", scope).queryParam("type", "series").get("/api/v1/titles").then()
                .body("items.id", org.hamcrest.Matchers.contains(series));
        Api.as(admin).queryParam("genre", scope).queryParam("year", 1931).get("/api/v1/titles").then()
                .body("items.id", org.hamcrest.Matchers.contains(other));
        Api.as(admin).queryParam("genre", genre).queryParam("sort", "title")
                .get("/api/v1/titles").then().body("items.id", org.hamcrest.Matchers.contains(series, movie))
                .body("nextCursor", nullValue());
    }

    @Test
    void badParametersAreNamed() {
        Api.as(admin).queryParam("limit", 101).get("/api/v1/titles").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        Api.as(admin).queryParam("sort", "rating").get("/api/v1/titles").then().statusCode(400)
                .body("errors[0].field", equalTo("sort"));
        Api.as(admin).queryParam("cursor", "not-a-cursor").get("/api/v1/titles").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        Api.as(admin).queryParam("type", "film").get("/api/v1/titles").then().statusCode(400);
    }

    @Test
    void defaultLimitIsTwentyAndGenresAreListed() {
        for (int i = 0; i < 21; i++) {
            Catalog.create(admin, Catalog.movie(Catalog.unique("Filler"), 0));
        }
        Api.as(admin).get("/api/v1/titles").then().statusCode(200).body("items.size()", equalTo(20))
                .body("nextCursor", notNullValue());
        Api.as(admin).get("/api/v1/genres").then().statusCode(200)
                .body("items.slug", org.hamcrest.Matchers.hasItems("drama", "sci-fi", "comedy"));
    }

    @Test
    void anUnauthenticatedCallerIsRefused() {
        io.restassured.RestAssured.get("/api/v1/titles").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aKidsProfileNeverListsAnAdultTitle() {
        String kidsToken = kidsToken(7);
        Catalog.create(admin, Catalog.movie(Catalog.unique("Adult only"), 18));
        Set<Integer> ratings = new HashSet<>();
        String cursor = null;
        do {
            var request = Api.as(kidsToken).queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/titles").then().statusCode(200)
                    .body("items.maturityRating", everyItem(lessThanOrEqualTo(7))).extract().jsonPath();
            ratings.addAll(page.getList("items.maturityRating"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(ratings).doesNotContain(13, 16, 18);
    }

    /** A new account's token scoped to a new profile of that maturity level. */
    static String kidsToken(int level) {
        String account = Api.newAccountToken();
        String profile = Api.as(account).contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("name", "Kid", "maturityLevel", level)).post("/api/v1/profiles")
                .then().statusCode(201).extract().path("id");
        return Api.select(account, profile, null).getString("accessToken");
    }
}
