package io.marquee.catalog;

import io.marquee.account.service.AccountService;
import io.marquee.support.Api;
import io.marquee.support.Catalog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class AdminCatalogTest {

    @Inject
    AccountService accounts;

    private String admin;

    @BeforeEach
    void admin() {
        admin = Catalog.newAdminToken(accounts);
    }

    @Test
    void aCreatedTitleIsReadBack() {
        String name = Catalog.unique("Created");
        String id = Api.as(admin).contentType(ContentType.JSON).body(Catalog.movie(name, 13, "drama", "comedy"))
                .post("/api/v1/admin/titles").then().statusCode(201)
                .body("name", equalTo(name)).body("playable", equalTo(false)).body("posterUrl", nullValue())
                .extract().path("id");
        Api.as(Api.newProfileToken()).get("/api/v1/titles/" + id).then().statusCode(200)
                .body("type", equalTo("movie")).body("maturityRating", equalTo(13)).body("year", equalTo(2020))
                .body("genres", contains("comedy", "drama")).body("cast", contains("Ada Lovelace", "Alan Turing"))
                .body("runtimeSeconds", equalTo(5400)).body("seasons.size()", equalTo(0));
    }

    @Test
    void aSeriesHasSeasonsOfEpisodes() {
        String id = Catalog.create(admin, Catalog.series(Catalog.unique("Series"), 7, "family"));
        Catalog.episode(admin, id, 2, 1, 1500);
        Catalog.episode(admin, id, 1, 2, 1400);
        String first = Catalog.episode(admin, id, 1, 1, 1300);
        Api.as(admin).contentType(ContentType.JSON).body(Map.of("number", 1, "name", "Again", "durationSeconds", 10))
                .post("/api/v1/admin/titles/" + id + "/seasons/1/episodes").then().statusCode(409);
        Api.as(Api.newProfileToken()).get("/api/v1/titles/" + id).then().statusCode(200)
                .body("seasons.number", contains(1, 2))
                .body("seasons[0].episodes.number", contains(1, 2))
                .body("seasons[0].episodes[0].id", equalTo(first))
                .body("seasons[0].episodes[0].durationSeconds", equalTo(1300));
    }

    @Test
    void patchChangesOnlyTheGivenFields() {
        String id = Catalog.create(admin, Catalog.movie(Catalog.unique("Patched"), 13, "drama"));
        Api.as(admin).contentType(ContentType.JSON).body(Map.of("maturityRating", 16, "genres", java.util.List.of("horror")))
                .patch("/api/v1/admin/titles/" + id).then().statusCode(200)
                .body("maturityRating", equalTo(16)).body("genres", contains("horror")).body("year", equalTo(2020));
    }

    @Test
    void invalidTitlesAreRefusedWithTheirFields() {
        Map<String, Object> body = Catalog.movie("", 12, "no-such-genre");
        Api.as(admin).contentType(ContentType.JSON).body(body).post("/api/v1/admin/titles").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("name", "maturityRating"));
        Api.as(admin).contentType(ContentType.JSON).body(Catalog.movie("Fine", 12 + 1, "no-such-genre"))
                .post("/api/v1/admin/titles").then().statusCode(400).body("errors.field", hasItem("genres"));
    }

    @Test
    void onlyAdministratorsChangeTheCatalog() {
        String subscriber = Api.newAccountToken();
        Api.as(subscriber).contentType(ContentType.JSON).body(Catalog.movie("Nope", 0)).post("/api/v1/admin/titles")
                .then().statusCode(403).contentType("application/problem+json");
        io.restassured.RestAssured.given().contentType(ContentType.JSON).body(Catalog.movie("Nope", 0))
                .post("/api/v1/admin/titles").then().statusCode(401);
    }

    @Test
    void deletingATitleRemovesIt() {
        String id = Catalog.create(admin, Catalog.movie(Catalog.unique("Deleted"), 0));
        Api.as(admin).delete("/api/v1/admin/titles/" + id).then().statusCode(204);
        Api.as(admin).get("/api/v1/titles/" + id).then().statusCode(404);
        Api.as(admin).delete("/api/v1/admin/titles/" + id).then().statusCode(404);
    }
}
