package io.marquee.support;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.util.Map;

/** Titles with the 3-rendition {@link TestFilm} and its WebVTT track, uploaded by the test administrator. */
public final class AdaptiveFixtures {

    private AdaptiveFixtures() {
    }

    /** A movie with every rendition of the test film (under its label, e.g. 360p) and English subtitles. */
    public static String film(String name) {
        String id = CatalogFixtures.movie(name, 0);
        String admin = CatalogFixtures.adminToken();
        for (TestFilm.Rendition rendition : TestFilm.renditions()) {
            Api.as(admin).contentType("video/mp4").body(rendition.file().toFile())
                    .put("/api/v1/admin/titles/" + id + "/media?label=" + rendition.label()).then().statusCode(201);
        }
        Api.as(admin).contentType("text/vtt").body(TestFilm.subtitles().toFile())
                .put("/api/v1/admin/titles/" + id + "/subtitles/en").then().statusCode(201);
        return id;
    }

    /** Starts a playback of a title for a new account's adult profile; the answer carries hlsUrl and dashUrl. */
    public static JsonPath playback(String titleId) {
        return Api.as(Api.newProfileToken()).contentType(ContentType.JSON).body(Map.of("titleId", titleId))
                .post("/api/v1/playback").then().statusCode(201).extract().jsonPath();
    }
}
