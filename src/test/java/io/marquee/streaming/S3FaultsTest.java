package io.marquee.streaming;

import io.marquee.support.Api;
import io.marquee.support.Eventually;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3 misbehaving behind a fault-injecting proxy: a slow first byte is a 504 before any header, a body that stalls
 * is a reset connection (never a short body that looks complete), a dead S3 is a 503 and opens the breaker, and
 * aborted downloads stop reading from S3.
 */
@QuarkusTest
@TestProfile(FaultyS3Profile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3FaultsTest {

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
    @Order(1)
    void aSlowFirstByteIs504BeforeAnyHeader() {
        String url = streamPath(MediaFixtures.bytes(1000, 31));
        FaultyS3Profile.proxy.delayMillis(20_000);
        FaultyS3Profile.proxy.mode(FaultyProxy.Mode.DELAY_ANSWER);
        long started = System.nanoTime();
        Response response = given().header("Range", "bytes=0-99").get(url);
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.header("Content-Range")).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    @Order(2)
    void aBodyThatStallsIsCutNeverCompleted() throws Exception {
        assertCutNeverCompleted(FaultyProxy.Mode.STALL_BODY, 32);
    }

    @Test
    @Order(2)
    void aBodyS3CutsShortIsCutNeverCompleted() throws Exception {
        assertCutNeverCompleted(FaultyProxy.Mode.CUT_BODY, 36);
    }

    /** With S3 failing mid-body in {@code mode}, the viewer gets the full length announced and fewer bytes. */
    private void assertCutNeverCompleted(FaultyProxy.Mode mode, int seed) throws Exception {
        byte[] content = MediaFixtures.bytes(4 * 1024 * 1024, seed);
        String path = streamPath(content);
        FaultyS3Profile.proxy.mode(mode);
        try (RawHttp download = RawHttp.get(root, path)) {
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.contentLength()).isEqualTo(content.length);
            long received = download.read(content.length);
            assertThat(received).isLessThan(content.length);
        }
    }

    @Test
    @Order(3)
    void aViewerPausedLongerThanTheS3ReadTimeoutStillGetsEveryByte() throws Exception {
        // Players stop reading when their buffer is full. That pause must not count as S3 stalling (3 s here).
        byte[] content = MediaFixtures.bytes(24 * 1024 * 1024, 35);
        String path = streamPath(content);
        try (RawHttp download = RawHttp.get(root, path)) {
            assertThat(download.status()).isEqualTo(200);
            byte[] first = download.body().readNBytes(256 * 1024);
            Thread.sleep(6_000);
            byte[] rest = download.body().readNBytes(content.length - first.length);
            byte[] received = new byte[first.length + rest.length];
            System.arraycopy(first, 0, received, 0, first.length);
            System.arraycopy(rest, 0, received, first.length, rest.length);
            assertThat(received).as("every byte, in order").isEqualTo(content);
        }
    }

    @Test
    @Order(4)
    void abortedDownloadsStopReadingFromS3() throws Exception {
        int size = 32 * 1024 * 1024;
        String path = streamPath(MediaFixtures.bytes(size, 33));
        long before = FaultyS3Profile.proxy.bytesFromUpstream();
        int bodiesBefore = metrics.openS3Bodies();
        for (int i = 0; i < 20; i++) {
            try (RawHttp download = RawHttp.get(root, path)) {
                download.read(1024 * 1024);
            }
        }
        // Counted once Marquee holds no S3 body open any more, i.e. the aborted downloads released their connections.
        Eventually.within(Duration.ofSeconds(30), () -> metrics.openS3Bodies() <= bodiesBefore);
        long fromS3 = FaultyS3Profile.proxy.bytesFromUpstream() - before;
        // Each aborted download may have had a few MiB in flight; without cancellation S3 would send all 640 MiB.
        assertThat(fromS3).isLessThan(20L * 12 * 1024 * 1024);
    }

    @Test
    @Order(5)
    void aDeadS3Is503AndTheBreakerStopsHammeringIt() {
        String url = streamPath(MediaFixtures.bytes(1000, 34));
        FaultyS3Profile.proxy.mode(FaultyProxy.Mode.REFUSE);
        for (int i = 0; i < 12; i++) {
            Response response = given().header("Range", "bytes=0-9").get(url);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.header("Retry-After")).isNotNull();
        }
        int attempts = FaultyS3Profile.proxy.connectionsAccepted();
        for (int i = 0; i < 10; i++) {
            given().header("Range", "bytes=0-9").get(url).then().statusCode(503);
        }
        assertThat(FaultyS3Profile.proxy.connectionsAccepted()).as("breaker open: S3 left alone").isEqualTo(attempts);
        FaultyS3Profile.proxy.mode(FaultyProxy.Mode.PASS);
        Eventually.within(Duration.ofSeconds(15), () ->
                given().header("Range", "bytes=0-9").get(url).statusCode() == 206);
    }

    private String streamPath(byte[] content) {
        UUID title = media.movie("Faults " + UUID.randomUUID(), 0);
        media.video(title, "720p", content);
        return Api.as(Api.newProfileToken()).contentType(ContentType.JSON).body(Map.of("titleId", title.toString()))
                .post("/api/v1/playback").then().statusCode(201).extract().path("streams[0].url");
    }
}
