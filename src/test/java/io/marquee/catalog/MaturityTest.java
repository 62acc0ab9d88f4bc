package io.marquee.catalog;

import io.marquee.account.model.Account;
import io.marquee.account.service.AccountService;
import io.marquee.account.token.AccessTokens;
import io.marquee.support.Api;
import io.marquee.support.Catalog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** A profile never reaches a title rated above its level, by any path; an account-level token sees everything. */
@QuarkusTest
class MaturityTest {

    @Inject
    AccountService accounts;
    @Inject
    io.marquee.library.service.WatchHistory history;
    @Inject
    AccessTokens tokens;

    private String admin;
    private String adult;
    private String family;
    private String kids;

    @BeforeEach
    void catalog() {
        admin = Catalog.newAdminToken(accounts);
        String word = "Maturity" + java.util.UUID.randomUUID().toString().substring(0, 6);
        adult = Catalog.create(admin, Catalog.movie(word + " Nights", 18, "thriller"));
        family = Catalog.create(admin, Catalog.movie(word + " Days", 0, "thriller"));
        kids = CatalogBrowseTest.kidsToken(7);
        Api.as(kids).queryParam("q", word).get("/api/v1/search").then().statusCode(200)
                .body("items.id", hasItem(family)).body("items.id", not(hasItem(adult)));
        Api.as(Api.newAccountToken()).queryParam("q", word).get("/api/v1/search").then()
                .body("items.id", hasItem(adult));
    }

    @Test
    void detailIsNotFound() {
        Api.as(kids).get("/api/v1/titles/" + adult).then().statusCode(404).contentType("application/problem+json");
        Api.as(kids).get("/api/v1/titles/" + family).then().statusCode(200);
        Api.as(Api.newAccountToken()).get("/api/v1/titles/" + adult).then().statusCode(200);
        Api.as(Api.newProfileToken()).get("/api/v1/titles/" + adult).then().statusCode(200);
    }

    @Test
    void listsLeaveItOut() {
        Api.as(kids).queryParam("genre", "thriller").queryParam("limit", 100).get("/api/v1/titles").then()
                .body("items.id", not(hasItem(adult)));
    }

    @Test
    void myListContinueWatchingAndHomeLeaveItOut() {
        String account = Api.newAccountToken();
        String adultProfile = Api.firstProfileId(account);
        String kidsProfile = Api.as(account).contentType(ContentType.JSON)
                .body(Map.of("name", "Kid", "maturityLevel", 7)).post("/api/v1/profiles").then().extract().path("id");
        String adultToken = Api.select(account, adultProfile, null).getString("accessToken");
        String kidsToken = Api.select(account, kidsProfile, null).getString("accessToken");
        Api.as(kidsToken).put("/api/v1/me/list/" + adult).then().statusCode(404);
        Api.as(kidsToken).contentType(ContentType.JSON).body(Map.of("rating", "up"))
                .put("/api/v1/me/ratings/" + adult).then().statusCode(404);
        Api.as(adultToken).put("/api/v1/me/list/" + adult).then().statusCode(204);
        Api.as(adultToken).contentType(ContentType.JSON).body(Map.of("rating", "up"))
                .put("/api/v1/me/ratings/" + family).then().statusCode(204);
        try {
            io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> history.recordProgress(
                    java.util.UUID.fromString(adultProfile), java.util.UUID.fromString(adult), null, 500, 1000)
                    .chain(() -> history.recordPlay(java.util.UUID.fromString(adultProfile),
                            java.util.UUID.fromString(adult))));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        Api.as(adultToken).get("/api/v1/me/continue-watching").then().body("items.title.id", hasItem(adult));
        Api.as(adultToken).get("/api/v1/me/home").then().body("rows.items.flatten().id", hasItem(adult));
        // A profile whose level is lowered after it listed a title no longer sees it anywhere.
        Api.as(account).contentType(ContentType.JSON).body(Map.of("maturityLevel", 7))
                .patch("/api/v1/profiles/" + adultProfile).then().statusCode(200);
        Api.as(adultToken).get("/api/v1/me/list").then().statusCode(200).body("items.id", not(hasItem(adult)));
        Api.as(adultToken).get("/api/v1/me/home").then().statusCode(200)
                .body("rows.items.flatten().id", not(hasItem(adult)));
        Api.as(adultToken).get("/api/v1/me/continue-watching").then().statusCode(200)
                .body("items.title.id", not(hasItem(adult)));
        Api.as(adultToken).get("/api/v1/titles/" + adult).then().statusCode(404);
        Api.as(kidsToken).get("/api/v1/me/home").then().statusCode(200)
                .body("rows.items.flatten().maturityRating", not(hasItem(18)));
    }

    @Test
    void libraryNeedsAProfile() {
        Api.as(Api.newAccountToken()).get("/api/v1/me/list").then().statusCode(403)
                .body("type", org.hamcrest.Matchers.endsWith("profile-required"));
        Api.as(Api.newAccountToken()).get("/api/v1/me/home").then().statusCode(403);
        Api.as(kids).get("/api/v1/me/list").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void aDeletedProfileSeesNothing() {
        String account = Api.newAccountToken();
        String guest = Api.as(account).contentType(ContentType.JSON)
                .body(Map.of("name", "Guest", "maturityLevel", 18)).post("/api/v1/profiles").then().statusCode(201)
                .extract().path("id");
        String guestToken = Api.select(account, guest, null).getString("accessToken");
        Api.as(guestToken).get("/api/v1/titles/" + adult).then().statusCode(200);
        Api.as(account).delete("/api/v1/profiles/" + guest).then().statusCode(204);
        refusesProfile(guestToken);
    }

    @Test
    void anotherAccountsProfileSeesNothing() {
        String stranger = Api.newProfileToken();
        String owner = Api.newAccountToken();
        Account account = new Account();
        account.id = java.util.UUID.fromString(Api.claims(owner).getString("sub"));
        // Signed by Marquee and naming the owner's login, but scoped to a profile of another account.
        String forged = tokens.issue(account, java.util.UUID.fromString(Api.claims(owner).getString("sid")),
                java.util.UUID.fromString(Api.claims(stranger).getString("pid")));
        refusesProfile(forged);
    }

    private void refusesProfile(String token) {
        Api.as(token).get("/api/v1/titles").then().statusCode(403).body("type", endsWith("profile-required"));
        Api.as(token).get("/api/v1/titles/" + family).then().statusCode(403).body("type", endsWith("profile-required"));
        Api.as(token).queryParam("q", "Maturity").get("/api/v1/search").then().statusCode(403)
                .body("type", endsWith("profile-required"));
        Api.as(token).get("/api/v1/me/list").then().statusCode(403).body("type", endsWith("profile-required"));
        Api.as(token).get("/api/v1/me/home").then().statusCode(403).body("type", endsWith("profile-required"));
    }
}
