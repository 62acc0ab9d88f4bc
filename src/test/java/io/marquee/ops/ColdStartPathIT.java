package io.marquee.ops;

import io.marquee.support.Api;
import io.marquee.support.Catalog;
import io.marquee.support.LocalServicesResource;
import io.marquee.support.Mp4Files;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The path a cold start is measured and trained on, against the packaged app: an admin's login, an authenticated
 * catalog page (what {@code bench/cold-start.sh} times), then a viewer's ranged read of a video on {@code /stream}.
 * {@code bench/cold-start.sh --build} runs only this test, so its launch of the app is the one the JDK AOT cache
 * records.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = LocalServicesResource.class, restrictToAnnotatedClass = true)
class ColdStartPathIT {

    @Test
    void loginCatalogAndARangeOfAVideo() {
        String admin = Api.login(LocalServicesResource.ADMIN_EMAIL, LocalServicesResource.ADMIN_PASSWORD)
                .getString("accessToken");
        Api.as(admin).get("/api/v1/titles").then().statusCode(200);

        String title = Catalog.create(admin, Catalog.movie(Catalog.unique("Cold start"), 0));
        byte[] video = Mp4Files.resource("/media/sample.144p.mp4");
        Api.as(admin).contentType("video/mp4").body(video)
                .put("/api/v1/admin/titles/" + title + "/media?label=144p").then().statusCode(201);

        String viewer = Api.newProfileToken();
        Api.as(viewer).get("/api/v1/titles/" + title).then().statusCode(200);
        String url = Api.as(viewer).contentType(ContentType.JSON).body(Map.of("titleId", title, "deviceName", "IT"))
                .post("/api/v1/playback").then().statusCode(201).extract().path("streams[0].url");

        byte[] range = RestAssured.given().urlEncodingEnabled(false).header("Range", "bytes=1000-2023").get(url)
                .then().statusCode(206).header("Content-Range", "bytes 1000-2023/" + video.length)
                .extract().asByteArray();
        assertThat(range).isEqualTo(Arrays.copyOfRange(video, 1000, 2024));
    }
}
