package io.marquee.streaming;

import io.marquee.support.Api;
import io.marquee.support.Eventually;
import io.marquee.support.MediaFixtures;
import io.marquee.support.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** An instance at its configured number of concurrent streams answers a fast 503 with Retry-After. */
@QuarkusTest
@TestProfile(StreamCapTest.OneStream.class)
class StreamCapTest {

    public static class OneStream implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("marquee.streaming.max-concurrent-streams", "1");
        }
    }

    @Inject
    MediaFixtures media;
    @TestHTTPResource("/")
    URL root;

    @Test
    void beyondTheLimitIsA503WithRetryAfterUntilAStreamEnds() throws Exception {
        UUID title = media.movie("Capped", 0);
        media.video(title, "1080p", MediaFixtures.bytes(16 * 1024 * 1024, 41));
        String path = Api.as(Api.newProfileToken()).contentType(ContentType.JSON).body(Map.of("titleId", title.toString()))
                .post("/api/v1/playback").then().statusCode(201).extract().path("streams[0].url");
        try (RawHttp holding = RawHttp.get(root, path)) {
            assertThat(holding.status()).isEqualTo(200);
            Response refused = given().get(path);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isNotNull();
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
            given().head(path).then().statusCode(200);
        }
        Eventually.within(Duration.ofSeconds(5), () -> given().header("Range", "bytes=0-9").get(path).statusCode() == 206);
    }
}
