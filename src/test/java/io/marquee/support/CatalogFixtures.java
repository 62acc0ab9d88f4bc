package io.marquee.support;

import io.restassured.http.ContentType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;



/** Titles and media made through the admin API by the test administrator (see application.properties, %test). */
public final class CatalogFixtures {

    public static final String ADMIN_EMAIL = "admin@marquee.test";
    public static final String ADMIN_PASSWORD = "marquee-test-admin";
    public static final Path SAMPLE_MP4 = Path.of("src/main/resources/media/sample.mp4");
    public static final Path SAMPLE_VTT = Path.of("src/main/resources/media/sample.en.vtt");

    private CatalogFixtures() {
    }

    public static String adminToken() {
        return Api.login(ADMIN_EMAIL, ADMIN_PASSWORD).getString("accessToken");
    }

    /** A movie with the given name and rating; returns its id. */
    public static String movie(String name, int maturityRating) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", "movie");
        body.put("name", name);
        body.put("synopsis", "A test film about " + name + ".");
        body.put("year", 2024);
        body.put("maturityRating", maturityRating);
        body.put("genres", List.of("drama"));
        body.put("cast", List.of("Ada Example", "Ben Sample"));
        body.put("runtimeSeconds", 40);
        return Api.as(adminToken()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/admin/titles").then().statusCode(201).extract().path("id");
    }

    /** A movie with the sample video (40 s, H.264/AAC, moov first) and its English subtitles. */
    public static String playableMovie(String name, int maturityRating) {
        String id = movie(name, maturityRating);
        String admin = adminToken();
        Api.as(admin).contentType("video/mp4").body(bytes(SAMPLE_MP4))
                .put("/api/v1/admin/titles/" + id + "/media?label=360p").then().statusCode(201);
        Api.as(admin).contentType("text/vtt").body(bytes(SAMPLE_VTT))
                .put("/api/v1/admin/titles/" + id + "/subtitles/en").then().statusCode(201);
        return id;
    }

    public static byte[] bytes(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the plan of the account behind an access token (BASIC allows one stream). */
    public static void plan(String accessToken, String plan) {
        Api.as(accessToken).contentType(ContentType.JSON).body(Map.of("plan", plan))
                .put("/api/v1/account/plan").then().statusCode(200);
    }

}
