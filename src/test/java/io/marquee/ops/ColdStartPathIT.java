package io.marquee.ops;

import io.marquee.support.Api;
import io.marquee.support.Catalog;
import io.marquee.support.LocalServicesResource;
import io.marquee.support.Mp4Files;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

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
        String admin = LocalServicesResource.adminToken();
        Api.as(admin).get("/api/v1/titles").then().statusCode(200);

        String title = Catalog.create(admin, Catalog.movie(Catalog.unique("Cold start"), 0));
        byte[] video = Mp4Files.resource("/media/sample.144p.mp4");
        Catalog.uploadVideo(admin, title, "144p", video);

        String viewer = Api.newProfileToken();
        Api.as(viewer).get("/api/v1/titles/" + title).then().statusCode(200);
        String url = Catalog.firstStreamUrl(viewer, title);

        byte[] range = RestAssured.given().urlEncodingEnabled(false).header("Range", "bytes=1000-2023").get(url)
                .then().statusCode(206).header("Content-Range", "bytes 1000-2023/" + video.length)
                .extract().asByteArray();
        assertThat(range).isEqualTo(Arrays.copyOfRange(video, 1000, 2024));
    }
}
