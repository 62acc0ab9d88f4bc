package io.marquee.catalog;

import io.marquee.account.service.AccountService;
import io.marquee.support.Api;
import io.marquee.support.Catalog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

@QuarkusTest
class SearchAndCachingTest {

    @Inject
    AccountService accounts;

    private String admin;

    @BeforeEach
    void admin() {
        admin = Catalog.newAdminToken(accounts);
    }

    @Test
    void aTypoStillFindsTheTitleFirst() {
        String stranger = Catalog.create(admin, Catalog.series("Stranger Things", 16, "sci-fi"));
        Catalog.create(admin, Catalog.movie("Strange Brew", 0, "comedy"));
        Catalog.create(admin, Catalog.movie("Things We Lost", 0, "drama"));
        Api.as(Api.newProfileToken()).queryParam("q", "strager things").get("/api/v1/search").then()
                .statusCode(200).body("items[0].id", equalTo(stranger)).body("items[0].name", equalTo("Stranger Things"));
    }

    @Test
    void nameRanksAboveCastAboveSynopsis() {
        String word = "Quokka" + java.util.UUID.randomUUID().toString().substring(0, 5).replaceAll("[0-9]", "x");
        Map<String, Object> bySynopsis = Catalog.movie(Catalog.unique("Plain"), 0);
        bySynopsis.put("synopsis", "A story about " + word + ".");
        Map<String, Object> byCast = Catalog.movie(Catalog.unique("Other"), 0);
        byCast.put("cast", List.of(word + " Jones"));
        Map<String, Object> byName = Catalog.movie(word + " Returns", 0);
        String synopsis = Catalog.create(admin, bySynopsis);
        String cast = Catalog.create(admin, byCast);
        String name = Catalog.create(admin, byName);
        List<String> ids = Api.as(admin).queryParam("q", word).get("/api/v1/search").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
        assertThat(ids).containsSubsequence(name, cast, synopsis);
    }

    @Test
    void searchIsLimitedAndValidated() {
        for (int i = 0; i < 4; i++) {
            Catalog.create(admin, Catalog.movie("Limited Edition " + i, 0));
        }
        Api.as(admin).queryParam("q", "limited edition").queryParam("limit", 3).get("/api/v1/search").then()
                .statusCode(200).body("items.size()", equalTo(3));
        Api.as(admin).queryParam("q", " ").get("/api/v1/search").then().statusCode(400)
                .body("errors[0].field", equalTo("q"));
    }

    @Test
    void anUnchangedAnswerIs304AndAChangedOne200WithANewTag() {
        String id = Catalog.create(admin, Catalog.movie(Catalog.unique("Cached"), 0, "drama"));
        String viewer = Api.newProfileToken();
        var first = Api.as(viewer).get("/api/v1/titles/" + id).then().statusCode(200)
                .header("ETag", matchesPattern("\"[A-Za-z0-9_-]+\""))
                .header("Cache-Control", equalTo("private, max-age=0, must-revalidate")).extract();
        String etag = first.header("ETag");
        Api.as(viewer).header("If-None-Match", etag).get("/api/v1/titles/" + id).then().statusCode(304)
                .header("ETag", equalTo(etag)).body(emptyString());
        Api.as(viewer).header("If-None-Match", "\"something-else\", " + etag).get("/api/v1/titles/" + id)
                .then().statusCode(304);

        Api.as(admin).contentType(ContentType.JSON).body(Map.of("synopsis", "Changed."))
                .patch("/api/v1/admin/titles/" + id).then().statusCode(200);
        String changed = Api.as(viewer).header("If-None-Match", etag).get("/api/v1/titles/" + id).then()
                .statusCode(200).body("synopsis", equalTo("Changed.")).extract().header("ETag");
        assertThat(changed).isNotEqualTo(etag);
    }

    @Test
    void listsGenresAndSearchCarryTags() {
        String genresTag = Api.as(admin).get("/api/v1/genres").then().statusCode(200).extract().header("ETag");
        Api.as(admin).header("If-None-Match", genresTag).get("/api/v1/genres").then().statusCode(304);
        String scope = Catalog.genre(admin);
        Map<String, Object> body = Catalog.movie(Catalog.unique("Tagged"), 0, scope);
        Catalog.create(admin, body);
        String listTag = Api.as(admin).queryParam("genre", scope).get("/api/v1/titles").then().statusCode(200)
                .extract().header("ETag");
        Api.as(admin).queryParam("genre", scope).header("If-None-Match", listTag).get("/api/v1/titles").then()
                .statusCode(304);
        Catalog.create(admin, body);
        Api.as(admin).queryParam("genre", scope).header("If-None-Match", listTag).get("/api/v1/titles").then()
                .statusCode(200).body("items.size()", equalTo(2));
        Api.as(admin).queryParam("q", "tagged").get("/api/v1/search").then().statusCode(200)
                .header("ETag", matchesPattern("\".+\"")).body("items.name", hasItem(body.get("name")));
    }
}
