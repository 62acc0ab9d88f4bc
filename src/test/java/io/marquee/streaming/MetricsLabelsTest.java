package io.marquee.streaming;

import io.marquee.support.Api;
import io.marquee.support.MediaFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Grants never reach metric labels, and stream paths are labelled by their template, not by asset id. */
@QuarkusTest
class MetricsLabelsTest {

    @Inject
    MediaFixtures media;

    @Test
    void streamRequestsDoNotLeakGrantsOrIdsIntoLabels() {
        UUID title = media.movie("Labels", 0);
        UUID asset = media.video(title, "720p", MediaFixtures.bytes(100, 51));
        String url = Api.as(Api.newProfileToken()).contentType(ContentType.JSON).body(Map.of("titleId", title.toString()))
                .post("/api/v1/playback").then().statusCode(201).extract().path("streams[0].url");
        given().header("Range", "bytes=0-9").get(url).then().statusCode(206);
        String grant = url.substring(url.indexOf("token=") + 6);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).doesNotContain(grant.substring(0, 20)).doesNotContain(asset.toString());
        assertThat(metrics).contains("marquee_stream_responses_total{endpoint=\"stream\"");
    }
}
