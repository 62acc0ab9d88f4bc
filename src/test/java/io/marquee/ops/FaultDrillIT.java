package io.marquee.ops;

import io.marquee.localservices.LocalServices;
import io.marquee.support.Api;
import io.marquee.support.Bucket;
import io.marquee.support.Catalog;
import io.marquee.support.Eventually;
import io.marquee.support.Mp4Files;
import io.marquee.support.PackagedApp;
import io.marquee.support.ProductionEnvironment;
import io.marquee.support.RawHttp;
import io.marquee.support.Slowloris;
import io.marquee.support.VideoUpload;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Fault drills on the packaged app in production mode, against a real PostgreSQL and S3 that the drills stop and
 * restart (issue 8, item 3). Each drill reports what was lost, and the answer must be nothing: a viewer gets every
 * byte or a connection that says it did not, rows written before an outage are there after it, the app recovers
 * without a restart, and clients that hold connections open do not keep others out.
 */
class FaultDrillIT {

    private static final long MIB = 1024 * 1024;

    private static LocalServices services;
    /** The app in its production configuration, for the drills on its dependencies, and its environment. */
    private static PackagedApp app;
    private static Map<String, String> environment;

    private record Movie(String titleId, String sha256) {
    }

    @BeforeAll
    static void startDependenciesAndTheApp() throws Exception {
        services = LocalServices.start(Path.of("target", "drill-it-services").toAbsolutePath(), true);
        environment = ProductionEnvironment.of(services);
        // No drain delay when a drill's app stops: shutdown is GracefulShutdownIT's drill.
        environment.put("QUARKUS_SHUTDOWN_DELAY", "0s");
        app = start(environment);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            services.close();
        }
    }

    @BeforeEach
    void talkToTheApp() {
        talkTo(app);
    }

    @AfterEach
    void forgetTheApp() {
        RestAssured.reset();
    }

    @Test
    void postgresStopsWhileAViewerStreamsNothingIsLostAndPlaybackRecoversWithoutARestart() throws Exception {
        long size = 16 * MIB;
        Movie movie = upload(app, size);
        String viewer = Api.newProfileToken();
        Api.as(viewer).put("/api/v1/me/list/" + movie.titleId()).then().statusCode(204);
        JsonPath first = startPlayback(viewer, movie).then().statusCode(201).extract().jsonPath();

        MessageDigest received = sha256();
        try (RawHttp stream = RawHttp.get(root(app), first.getString("streams[0].url"))) {
            assertThat(stream.status()).isEqualTo(200);
            // The viewer stops reading for a while: the rest of the stream waits in the app, in flight.
            long before = stream.read(MIB, into(received));
            try {
                services.stopPostgres();
                assertUnavailable(startPlayback(viewer, movie), 503);
                assertUnavailable(Api.as(viewer).get("/api/v1/titles"), 503);
                long after = stream.read(size - before, into(received));
                assertThat(before + after).as("bytes the viewer received with PostgreSQL down").isEqualTo(size);
                assertThat(hex(received)).isEqualTo(movie.sha256());
            } finally {
                services.startPostgres();
            }
        }

        AtomicReference<String> second = new AtomicReference<>();
        Eventually.within(Duration.ofSeconds(30), () -> {
            Response response = startPlayback(viewer, movie);
            assertThat(response.statusCode()).as(response.asString()).isIn(201, 503);
            second.set(response.statusCode() == 201 ? response.path("leaseId") : null);
            return second.get() != null;
        });
        // Written before the outage, all still there: the title and its video, My List, the first lease.
        Api.as(viewer).get("/api/v1/titles/" + movie.titleId()).then().statusCode(200).body("playable", equalTo(true));
        Api.as(viewer).get("/api/v1/me/list").then().statusCode(200).body("items.id", hasItem(movie.titleId()));
        Api.as(viewer).contentType(ContentType.JSON).body(Map.of("positionSeconds", 42))
                .put("/api/v1/playback/" + first.getString("leaseId") + "/heartbeat").then().statusCode(204);
        // Exactly the two leases: the refused starts left none behind (the plan allows two streams).
        startPlayback(viewer, movie).then().statusCode(409)
                .body("activeStreams.leaseId", containsInAnyOrder(first.getString("leaseId"), second.get()));
    }

    @Test
    void s3StopsNewStreamsAreRefusedWithRetryAfterAndStreamingRecoversWithoutARestart() throws Exception {
        long size = 4 * MIB;
        Movie movie = upload(app, size);
        String url = startPlayback(Api.newProfileToken(), movie).then().statusCode(201).extract().path("streams[0].url");
        given().header("Range", "bytes=0-99").get(url).then().statusCode(206);

        try {
            services.stopS3();
            assertUnavailable(given().header("Range", "bytes=0-99").get(url), 503, 504);
        } finally {
            services.startS3();
        }
        Eventually.within(Duration.ofSeconds(30), () -> {
            Response response = given().header("Range", "bytes=0-99").get(url);
            assertThat(response.statusCode()).as(response.asString()).isIn(206, 503, 504);
            return response.statusCode() == 206;
        });
        MessageDigest whole = sha256();
        try (RawHttp stream = RawHttp.get(root(app), url)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.read(size, into(whole))).isEqualTo(size);
        }
        assertThat(hex(whole)).isEqualTo(movie.sha256());
    }

    /**
     * S3 stops while a viewer is mid-body: the bytes already buffered arrive, then the connection is reset (S3's
     * connection closing mid-body, or the S3 read timeout when it just goes quiet), never ended as if complete.
     */
    @Test
    void aStreamInFlightWhenS3StopsIsCutNeverCompletedAndTheViewerResumesIntact() throws Exception {
        // Larger than whatever the socket buffers between S3, the app and the viewer hold.
        long size = 32 * MIB;
        Movie movie = upload(app, size);
        String url = startPlayback(Api.newProfileToken(), movie).then().statusCode(201).extract().path("streams[0].url");

        MessageDigest resumed = sha256();
        long received;
        try (RawHttp stream = RawHttp.get(root(app), url)) {
            assertThat(stream.contentLength()).isEqualTo(size);
            long before = stream.read(MIB, into(resumed));
            try {
                services.stopS3();
                // Within the socket timeout (30 s, three S3 read timeouts): the end or a reset, short of the length.
                received = before + stream.read(size - before, into(resumed));
                assertThat(received).as("a stream cut by S3 must end short of Content-Length").isLessThan(size);
            } finally {
                services.startS3();
            }
        }
        Eventually.within(Duration.ofSeconds(30), () -> given().header("Range", "bytes=0-99").get(url).statusCode() == 206);
        // The viewer resumes where the cut left it: what it had plus the rest is the object, to the byte.
        try (RawHttp rest = RawHttp.get(root(app), url, "Range: bytes=" + received + "-")) {
            assertThat(rest.status()).isEqualTo(206);
            assertThat(rest.read(size - received, into(resumed))).isEqualTo(size - received);
        }
        assertThat(hex(resumed)).isEqualTo(movie.sha256());
    }

    @Test
    void slowlorisHeadsAreCutAfterTheIdleTimeoutAndDoNotKeepOtherClientsOut() throws Exception {
        // The sample's moov places its samples up to byte 2,783,591: a smaller upload is refused as truncated.
        Movie movie = upload(app, 4 * MIB);
        byte[] video = Mp4Files.generated(4 * MIB).readNBytes(2000);
        String viewer = Api.newProfileToken();
        String url = startPlayback(viewer, movie).then().statusCode(201).extract().path("streams[0].url");

        // A second instance (same database, bucket and keys) whose idle timeout is short enough for a quick drill.
        Map<String, String> env = new HashMap<>(environment);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(PackagedApp.freePort()));
        env.put("QUARKUS_HTTP_IDLE_TIMEOUT", "5s");
        try (PackagedApp guarded = start(env)) {
            talkTo(guarded);
            try (Slowloris attack = Slowloris.start(guarded.uri("/"), 200, 50, Duration.ofMillis(500))) {
                assertOthersServed(guarded, viewer, url, video);
                // A trickled header byte does not restart Vert.x's idle timeout: a head must be whole within it.
                Eventually.within(Duration.ofSeconds(30), () -> attack.silentOpen() == 0);
                Eventually.within(Duration.ofSeconds(30), () -> attack.firstTricklersOpen() == 0);
                // The attack goes on with new connections; others are still served.
                assertOthersServed(guarded, viewer, url, video);
            }

            // The size of a head is bounded too (quarkus.http.limits.max-header-size=16K).
            assertThat(headStatus(guarded, 8 * 1024)).as("8 KiB of headers").isEqualTo(200);
            assertThat(headStatus(guarded, 20 * 1024)).as("20 KiB of headers: 431 or a closed connection").isIn(431, -1);
        }
    }

    /** Health, an authenticated catalog call and a stream range all answer, with the right bytes. */
    private static void assertOthersServed(PackagedApp target, String viewer, String url, byte[] video) {
        assertThat(target.status("/q/health/live")).isEqualTo(200);
        Api.as(viewer).get("/api/v1/titles").then().statusCode(200);
        byte[] range = given().header("Range", "bytes=1000-1999").get(url).then().statusCode(206).extract().asByteArray();
        assertThat(range).isEqualTo(Arrays.copyOfRange(video, 1000, 2000));
    }

    private static PackagedApp start(Map<String, String> env) throws IOException {
        PackagedApp started = PackagedApp.start(env, List.of("-Xmx256m"));
        started.awaitReady(Duration.ofSeconds(90));
        return started;
    }

    private static void talkTo(PackagedApp target) {
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = target.port();
        RestAssured.config = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", 5_000).setParam("http.socket.timeout", 20_000));
    }

    /** A new movie whose video is a generated MP4 of {@code size} bytes, uploaded by the admin. */
    private static Movie upload(PackagedApp target, long size) throws Exception {
        String admin = Api.login(ProductionEnvironment.ADMIN_EMAIL, ProductionEnvironment.ADMIN_PASSWORD)
                .getString("accessToken");
        String title = Catalog.create(admin, Catalog.movie(Catalog.unique("Drill"), 0));
        HttpResponse<String> upload = VideoUpload.generated(
                target.uri("/api/v1/admin/titles/" + title + "/media?label=1080p"), admin, size);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        return new Movie(title, Bucket.sha256(Mp4Files.generated(size)));
    }

    private static Response startPlayback(String viewerToken, Movie movie) {
        return Api.as(viewerToken).contentType(ContentType.JSON)
                .body(Map.of("titleId", movie.titleId(), "deviceName", "Drill")).post("/api/v1/playback");
    }

    private static void assertUnavailable(Response response, Integer... statuses) {
        assertThat(response.statusCode()).as(response.asString()).isIn((Object[]) statuses);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.header("Retry-After")).isNotBlank();
    }

    /** Status of a GET whose head carries about {@code headerBytes} of headers; -1 when the connection just closed. */
    private static int headStatus(PackagedApp target, int headerBytes) throws IOException {
        String[] headers = new String[headerBytes / 1024];
        for (int i = 0; i < headers.length; i++) {
            headers[i] = "X-Padding-" + i + ": " + "a".repeat(1000);
        }
        try (RawHttp response = RawHttp.get(root(target), "/q/health/live", headers)) {
            return response.status();
        } catch (IOException closed) {
            return -1;
        }
    }

    private static URL root(PackagedApp target) throws IOException {
        return target.uri("/").toURL();
    }

    private static MessageDigest sha256() throws Exception {
        return MessageDigest.getInstance("SHA-256");
    }

    private static OutputStream into(MessageDigest digest) {
        return new DigestOutputStream(OutputStream.nullOutputStream(), digest);
    }

    private static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
