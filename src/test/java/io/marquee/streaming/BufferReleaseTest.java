package io.marquee.streaming;

import io.marquee.packaging.mp4.SourceSpan;
import io.marquee.support.Api;
import io.marquee.support.BufferLeaks;
import io.marquee.support.Eventually;
import io.marquee.support.FaultyProxy;
import io.marquee.support.FaultyS3Profile;
import io.marquee.support.KeptSpansRoute;
import io.marquee.support.MediaFixtures;
import io.marquee.support.RawHttp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every pooled buffer taken off an S3 connection is released, whichever way its stream ends: whole, as ranges, with
 * kept spans only, a viewer leaving, S3 stalling or cutting the body, S3 answering too late. Netty's leak detector
 * tracks every buffer (PARANOID) while the streams run.
 */
@QuarkusTest
@TestProfile(FaultyS3Profile.class)
class BufferReleaseTest {

    private static final byte[] CONTENT = MediaFixtures.bytes(4 * 1024 * 1024, 61);

    @Inject
    MediaFixtures media;
    @Inject
    StreamMetrics metrics;
    @TestHTTPResource("/")
    URL root;

    @AfterEach
    void heal() {
        FaultyS3Profile.proxy.mode(FaultyProxy.Mode.PASS);
    }

    @Test
    void noBufferOutlivesItsStream() throws Exception {
        UUID title = media.movie("Buffers " + UUID.randomUUID(), 0);
        UUID asset = media.video(title, "720p", CONTENT);
        String stream = Api.as(Api.newProfileToken()).contentType(ContentType.JSON)
                .body(Map.of("titleId", title.toString())).post("/api/v1/playback").then().statusCode(201)
                .extract().path("streams[0].url");
        try (BufferLeaks leaks = BufferLeaks.track()) {
            assertThat(given().get(stream).asByteArray()).isEqualTo(CONTENT);
            given().header("Range", "bytes=0-99,2000000-2100000,-5").get(stream).then().statusCode(206);
            given().get("/test-support/kept-spans/" + asset + "?spans=" + KeptSpansRoute.query(List.of(
                    new SourceSpan(10, 70_000), new SourceSpan(200_000, 1_500_000)))).then().statusCode(200);
            for (int i = 0; i < 5; i++) {
                try (RawHttp leaving = RawHttp.get(root, stream)) {
                    leaving.read(256 * 1024);
                }
            }
            for (FaultyProxy.Mode fault : List.of(FaultyProxy.Mode.STALL_BODY, FaultyProxy.Mode.CUT_BODY)) {
                FaultyS3Profile.proxy.mode(fault);
                try (RawHttp cut = RawHttp.get(root, stream)) {
                    assertThat(cut.read(CONTENT.length)).as(fault.name()).isLessThan(CONTENT.length);
                }
            }
            FaultyS3Profile.proxy.delayMillis(8_000);
            FaultyS3Profile.proxy.mode(FaultyProxy.Mode.DELAY_ANSWER);
            given().header("Range", "bytes=0-99").get(stream).then().statusCode(504);
            FaultyS3Profile.proxy.mode(FaultyProxy.Mode.PASS);
            Eventually.within(Duration.ofSeconds(10), () -> metrics.openS3Bodies() == 0
                    && metrics.activeStreams().get() == 0);

            assertThat(leaks.reported()).isEmpty();
        }
    }
}
