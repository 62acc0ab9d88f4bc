package io.marquee.packaging;

import io.marquee.support.Api;
import io.marquee.support.FaultyProxy;
import io.marquee.support.FaultyS3Profile;
import io.marquee.support.MediaFixtures;
import io.marquee.support.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A segment's header is made here, but it is not sent until S3 has answered for its samples: a slow S3 is still a
 * clean 504 problem, and a body S3 stops sending is a reset connection, never a segment that looks complete.
 */
@QuarkusTest
@TestProfile(FaultyS3Profile.class)
class PackagedS3FaultsTest {

    @Inject
    MediaFixtures media;
    @TestHTTPResource("/")
    URL root;

    @AfterEach
    void heal() {
        FaultyS3Profile.proxy.mode(FaultyProxy.Mode.PASS);
    }

    /** The path of a video segment of a new playback, its index already built (through the proxy, passing). */
    private String segmentPath(int number) {
        UUID title = media.movie("Packaged faults " + UUID.randomUUID(), 0);
        media.video(title, "360p", MediaFixtures.SAMPLE_VIDEO);
        var playback = Api.as(Api.newProfileToken()).contentType(ContentType.JSON)
                .body(Map.of("titleId", title.toString())).post("/api/v1/playback").then().statusCode(201)
                .extract().jsonPath();
        String hls = playback.getString("hlsUrl");
        String base = hls.substring(0, hls.lastIndexOf('/') + 1) + playback.getString("streams[0].assetId") + "/";
        given().get(base + "video.m3u8").then().statusCode(200);
        return base + "video/" + number + ".m4s";
    }

    @Test
    void aSlowS3IsA504BeforeAnyOfTheSegment() {
        String path = segmentPath(2);
        FaultyS3Profile.proxy.delayMillis(20_000);
        FaultyS3Profile.proxy.mode(FaultyProxy.Mode.DELAY_ANSWER);
        Response response = given().get(path);
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.asString()).doesNotContain("moof");
    }

    @Test
    void aSegmentBodyThatStallsIsCutNeverCompleted() throws Exception {
        String path = segmentPath(3);
        long length = Long.parseLong(given().head(path).then().statusCode(200).extract().header("Content-Length"));
        assertThat(length).as("longer than what the proxy lets through").isGreaterThan(300 * 1024);
        FaultyS3Profile.proxy.mode(FaultyProxy.Mode.STALL_BODY);
        try (RawHttp download = RawHttp.get(root, path)) {
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.contentLength()).isEqualTo(length);
            assertThat(download.read(length)).isLessThan(length);
        }
    }
}
