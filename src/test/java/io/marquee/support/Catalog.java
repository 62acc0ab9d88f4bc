package io.marquee.support;

import io.marquee.account.service.AccountService;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds catalog fixtures through the admin API: a fresh admin per test, titles with unique names. */
public final class Catalog {

    private Catalog() {
    }

    /** The access token of a new administrator (created through the account service, then logged in). */
    public static String newAdminToken(AccountService accounts) {
        String email = "admin-" + UUID.randomUUID() + "@example.com";
        try {
            VertxContextSupport.subscribeAndAwait(() -> accounts.signup(email, Api.PASSWORD, "Admin", true));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return Api.login(email).getString("accessToken");
    }

    /** A movie request body; change it before posting. */
    public static Map<String, Object> movie(String name, int maturityRating, String... genres) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", "movie");
        body.put("name", name);
        body.put("synopsis", "A film called " + name + ".");
        body.put("year", 2020);
        body.put("maturityRating", maturityRating);
        body.put("genres", List.of(genres));
        body.put("cast", List.of("Ada Lovelace", "Alan Turing"));
        body.put("runtimeSeconds", 5400);
        return body;
    }

    public static Map<String, Object> series(String name, int maturityRating, String... genres) {
        Map<String, Object> body = movie(name, maturityRating, genres);
        body.put("type", "series");
        body.remove("runtimeSeconds");
        return body;
    }

    /** Creates the title; returns its id. */
    public static String create(String adminToken, Map<String, Object> body) {
        return Api.as(adminToken).contentType(ContentType.JSON).body(body).post("/api/v1/admin/titles")
                .then().statusCode(201).extract().path("id");
    }

    /** Uploads {@code video} (an MP4) as the title's rendition labelled {@code label}. */
    public static void uploadVideo(String adminToken, String titleId, String label, byte[] video) {
        Api.as(adminToken).contentType("video/mp4").body(video)
                .put("/api/v1/admin/titles/" + titleId + "/media?label=" + label).then().statusCode(201);
    }

    /** Starts playback of the title as the viewer; returns the URL of its first stream. */
    public static String firstStreamUrl(String viewerToken, String titleId) {
        return Api.as(viewerToken).contentType(ContentType.JSON).body(Map.of("titleId", titleId, "deviceName", "IT"))
                .post("/api/v1/playback").then().statusCode(201).extract().path("streams[0].url");
    }

    /** Adds an episode; returns its id. */
    public static String episode(String adminToken, String titleId, int season, int number, int durationSeconds) {
        return Api.as(adminToken).contentType(ContentType.JSON)
                .body(Map.of("number", number, "name", "Episode " + number, "synopsis", "",
                        "durationSeconds", durationSeconds))
                .post("/api/v1/admin/titles/" + titleId + "/seasons/" + season + "/episodes")
                .then().statusCode(201).extract().path("id");
    }

    /**
     * Creates a genre no other test uses and returns its slug: filing a test's titles under it gives the test a set
     * of titles of its own to browse, whatever other tests create meanwhile.
     */
    public static String genre(String adminToken) {
        String slug = "test-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Api.as(adminToken).contentType(ContentType.JSON).body(Map.of("slug", slug, "name", "Test " + slug))
                .post("/api/v1/admin/genres").then().statusCode(201);
        return slug;
    }

    /** A name no other test uses. */
    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }
}
