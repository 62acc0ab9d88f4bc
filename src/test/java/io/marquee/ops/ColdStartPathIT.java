package io.marquee.ops;

import io.marquee.support.Api;
import io.marquee.support.Catalog;
import io.marquee.support.LocalServicesResource;
import io.marquee.support.Mp4Files;
import io.marquee.support.VideoUpload;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
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

    private static final long SIZE = 1024 * 1024;

    @Test
    void loginCatalogAndARangeOfAVideo() throws Exception {
        String admin = Api.login(LocalServicesResource.ADMIN_EMAIL, LocalServicesResource.ADMIN_PASSWORD)
                .getString("accessToken");
        Api.as(admin).get("/api/v1/titles").then().statusCode(200);

        String title = Catalog.create(admin, Catalog.movie(Catalog.unique("Cold start"), 0));
        HttpResponse<String> upload = VideoUpload.generated(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + "/api/v1/admin/titles/" + title + "/media?label=720p"), admin, SIZE);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);

        String viewer = Api.newProfileToken();
        Api.as(viewer).get("/api/v1/titles/" + title).then().statusCode(200);
        String url = Api.as(viewer).contentType(ContentType.JSON).body(Map.of("titleId", title, "deviceName", "IT"))
                .post("/api/v1/playback").then().statusCode(201).extract().path("streams[0].url");

        byte[] range = RestAssured.given().urlEncodingEnabled(false).header("Range", "bytes=1000-2023").get(url)
                .then().statusCode(206).header("Content-Range", "bytes 1000-2023/" + SIZE)
                .extract().asByteArray();
        try (InputStream video = Mp4Files.generated(SIZE)) {
            video.skipNBytes(1000);
            assertThat(range).isEqualTo(video.readNBytes(1024));
        }
    }
}
