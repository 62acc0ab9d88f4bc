package io.marquee.catalog;

import io.marquee.account.service.AccountService;
import io.marquee.support.Api;
import io.marquee.support.Catalog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Administrators add, rename and remove genres; titles can then be filed under a new genre. */
@QuarkusTest
class AdminGenreTest {

    @Inject
    AccountService accounts;

    private String admin;
    private String slug;

    @BeforeEach
    void admin() {
        admin = Catalog.newAdminToken(accounts);
        slug = "noir-" + Long.toString(System.nanoTime(), 36).toLowerCase(Locale.ROOT);
    }

    @Test
    void anAddedGenreIsListedAndTitlesCanUseIt() {
        create(slug, "Neo-noir").statusCode(201).body("slug", equalTo(slug)).body("name", equalTo("Neo-noir"));
        Api.as(Api.newProfileToken()).get("/api/v1/genres").then().statusCode(200).body("items.slug", hasItem(slug));
        String title = Catalog.create(admin, Catalog.movie(Catalog.unique("Night"), 0, slug));
        Api.as(Api.newProfileToken()).queryParam("genre", slug).get("/api/v1/titles").then().statusCode(200)
                .body("items.id", hasItem(title));
    }

    @Test
    void aDuplicateSlugIs409AndABadSlugIs400() {
        create(slug, "Noir").statusCode(201);
        create(slug, "Noir again").statusCode(409).contentType("application/problem+json");
        create("Not A Slug", "Noir").statusCode(400).body("errors.field", hasItem("slug"));
        create("sci-fi", "Science fiction").statusCode(409);
    }

    @Test
    void aGenreIsRenamedAndRemovedOnlyWhenUnused() {
        create(slug, "Noir").statusCode(201);
        Api.as(admin).contentType(ContentType.JSON).body(Map.of("name", "Film noir"))
                .patch("/api/v1/admin/genres/" + slug).then().statusCode(200).body("name", equalTo("Film noir"));
        String title = Catalog.create(admin, Catalog.movie(Catalog.unique("Shadows"), 0, slug));
        Api.as(admin).delete("/api/v1/admin/genres/" + slug).then().statusCode(409)
                .contentType("application/problem+json");
        Api.as(admin).delete("/api/v1/admin/titles/" + title).then().statusCode(204);
        Api.as(admin).delete("/api/v1/admin/genres/" + slug).then().statusCode(204);
        Api.as(Api.newProfileToken()).get("/api/v1/genres").then().body("items.slug", not(hasItem(slug)));
        Api.as(admin).delete("/api/v1/admin/genres/" + slug).then().statusCode(404);
    }

    @Test
    void onlyAdministratorsManageGenres() {
        io.restassured.RestAssured.given().contentType(ContentType.JSON).body(Map.of("slug", slug, "name", "X"))
                .post("/api/v1/admin/genres").then().statusCode(401);
        Api.as(Api.newAccountToken()).contentType(ContentType.JSON).body(Map.of("slug", slug, "name", "X"))
                .post("/api/v1/admin/genres").then().statusCode(403);
    }

    private io.restassured.response.ValidatableResponse create(String slug, String name) {
        return Api.as(admin).contentType(ContentType.JSON).body(Map.of("slug", slug, "name", name))
                .post("/api/v1/admin/genres").then();
    }
}
