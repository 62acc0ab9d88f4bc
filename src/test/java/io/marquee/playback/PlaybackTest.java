package io.marquee.playback;

import io.marquee.support.Api;
import io.marquee.support.Eventually;
import io.marquee.support.MediaFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class PlaybackTest {

    @Inject
    MediaFixtures media;
    @Inject
    Pool pool;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void playbackHandsOutStreamUrlsWhoseGrantOpensTheBytes() {
        UUID title = media.movie("Grant Opens Bytes", 13);
        byte[] content = MediaFixtures.bytes(5000, 1);
        UUID video = media.video(title, "720p", content);
        UUID subtitles = media.subtitles(title, "en", MediaFixtures.SAMPLE_SUBTITLES);
        JsonPath playback = start(Api.newProfileToken(), title).then().statusCode(201)
                .body("heartbeatSeconds", equalTo(30))
                .body("resumeFromSeconds", equalTo(0))
                .body("streams", hasSize(1))
                .body("streams[0].assetId", equalTo(video.toString()))
                .body("streams[0].url", startsWith("/stream/" + video + "?token="))
                .body("streams[0].sizeBytes", equalTo(5000))
                .body("subtitles[0].assetId", equalTo(subtitles.toString()))
                .body("subtitles[0].language", equalTo("en"))
                .extract().jsonPath();
        byte[] body = given().header("Range", "bytes=100-199").get(playback.getString("streams[0].url"))
                .then().statusCode(206).header("Content-Range", "bytes 100-199/5000").extract().asByteArray();
        assertThat(body).isEqualTo(java.util.Arrays.copyOfRange(content, 100, 200));
        given().get(playback.getString("subtitles[0].url")).then().statusCode(200)
                .contentType("text/vtt").body(startsWith("WEBVTT"));
    }

    @Test
    void playbackNeedsAProfile() {
        UUID title = media.movie("Needs Profile", 0);
        media.video(title, "720p", MediaFixtures.bytes(10, 2));
        start(Api.newAccountToken(), title).then().statusCode(403).body("type", endsWith("profile-required"));
    }

    @Test
    void aKidsProfileCannotPlayAnAdultTitle() {
        UUID title = media.movie("Adults Only", 18);
        media.video(title, "720p", MediaFixtures.bytes(10, 3));
        String account = Api.newAccountToken();
        String kids = Api.as(account).contentType(ContentType.JSON).body(Map.of("name", "Kids", "maturityLevel", 7))
                .post("/api/v1/profiles").then().statusCode(201).extract().path("id");
        String kidsToken = Api.select(account, kids, null).getString("accessToken");
        start(kidsToken, title).then().statusCode(403).body("type", endsWith("maturity-restricted"));
    }

    @Test
    void unknownTitleIs404AndATitleWithoutVideoIs422() {
        String token = Api.newProfileToken();
        start(token, UUID.randomUUID()).then().statusCode(404);
        start(token, media.movie("No Video Yet", 0)).then().statusCode(422).contentType("application/problem+json");
    }

    @Test
    void tenParallelStartsAgainstALimitOfTwoGiveExactlyTwoLeases() throws Exception {
        UUID title = media.movie("Race", 0);
        media.video(title, "720p", MediaFixtures.bytes(10, 4));
        String token = Api.newProfileToken();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Response>> starts = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String device = "TV " + i;
                starts.add(() -> Api.as(token).contentType(ContentType.JSON)
                        .body(Map.of("titleId", title.toString(), "deviceName", device)).post("/api/v1/playback"));
            }
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(starts)) {
                responses.add(f.get());
            }
            assertThat(responses.stream().filter(r -> r.statusCode() == 201)).hasSize(2);
            assertThat(responses.stream().filter(r -> r.statusCode() == 409)).hasSize(8);
            Response refused = responses.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
            refused.then().contentType("application/problem+json").body("type", endsWith("stream-limit"))
                    .body("activeStreams", hasSize(2))
                    .body("activeStreams[0].titleName", equalTo("Race"))
                    .body("activeStreams[0].profileName", equalTo("Test User"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void endingALeaseFreesTheSlotAndStopsItsStream() {
        UUID title = media.movie("Ending", 0);
        media.video(title, "720p", MediaFixtures.bytes(1000, 5));
        String account = Api.newAccountToken();
        Api.as(account).contentType(ContentType.JSON).body(Map.of("plan", "BASIC")).put("/api/v1/account/plan");
        String profile = Api.select(account, Api.firstProfileId(account), null).getString("accessToken");
        JsonPath first = start(profile, title).then().statusCode(201).extract().jsonPath();
        start(profile, title).then().statusCode(409);
        String url = first.getString("streams[0].url");
        given().get(url).then().statusCode(200);
        Api.as(profile).contentType(ContentType.JSON).body(Map.of("positionSeconds", 12))
                .put("/api/v1/playback/" + first.getString("leaseId") + "/heartbeat").then().statusCode(204);
        // Any login of the account may end it, even one without a profile.
        Api.as(account).delete("/api/v1/playback/" + first.getString("leaseId")).then().statusCode(204);
        Eventually.within(Duration.ofSeconds(5), () -> given().get(url).statusCode() == 403);
        Api.as(profile).contentType(ContentType.JSON).body(Map.of("positionSeconds", 13))
                .put("/api/v1/playback/" + first.getString("leaseId") + "/heartbeat").then().statusCode(410);
        start(profile, title).then().statusCode(201).body("resumeFromSeconds", equalTo(12));
    }

    @Test
    void anotherAccountsLeaseIsNotFound() {
        UUID title = media.movie("Not Yours", 0);
        media.video(title, "720p", MediaFixtures.bytes(10, 6));
        String lease = start(Api.newProfileToken(), title).then().statusCode(201).extract().path("leaseId");
        String stranger = Api.newProfileToken();
        Api.as(stranger).delete("/api/v1/playback/" + lease).then().statusCode(404);
        Api.as(stranger).contentType(ContentType.JSON).body(Map.of("positionSeconds", 1))
                .put("/api/v1/playback/" + lease + "/heartbeat").then().statusCode(404);
    }

    @Test
    void grantsAndAccessTokensAreNotInterchangeable() {
        UUID title = media.movie("Separate Credentials", 0);
        UUID video = media.video(title, "720p", MediaFixtures.bytes(10, 7));
        String token = Api.newProfileToken();
        String url = start(token, title).then().statusCode(201).extract().path("streams[0].url");
        String grant = url.substring(url.indexOf("token=") + 6);
        Api.as(grant).get("/api/v1/account").then().statusCode(401);
        given().get("/stream/" + video + "?token=" + token).then().statusCode(401);
        given().header("Authorization", "Bearer " + token).get("/stream/" + video).then().statusCode(401);
        UUID other = media.video(media.movie("Other", 0), "720p", MediaFixtures.bytes(10, 8));
        given().get("/stream/" + other + "?token=" + grant).then().statusCode(403);
    }

    @Test
    void aLeaseEndedByAnotherInstanceStopsTheStreamWithinFiveSeconds() throws Exception {
        UUID title = media.movie("Elsewhere", 0);
        media.video(title, "720p", MediaFixtures.bytes(100, 9));
        JsonPath playback = start(Api.newProfileToken(), title).then().statusCode(201).extract().jsonPath();
        String url = playback.getString("streams[0].url");
        given().get(url).then().statusCode(200);
        // Another instance ends the lease: its own connection, its own transaction and notification.
        try (Connection other = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            other.setAutoCommit(false);
            try (PreparedStatement end = other.prepareStatement("UPDATE stream_lease SET ended_at = now() WHERE id = ?");
                 PreparedStatement notify = other.prepareStatement("SELECT pg_notify('marquee_token_revocations', ?)")) {
                end.setObject(1, UUID.fromString(playback.getString("leaseId")));
                end.executeUpdate();
                notify.setString(1, "S;" + playback.getString("leaseId"));
                notify.execute();
            }
            other.commit();
        }
        Duration took = Eventually.within(Duration.ofSeconds(5), () -> given().get(url).statusCode() == 403);
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aLeaseWithoutHeartbeatLapsesAndItsGrantStops() {
        UUID title = media.movie("Lapsing", 0);
        media.video(title, "720p", MediaFixtures.bytes(100, 10));
        JsonPath playback = start(Api.newProfileToken(), title).then().statusCode(201).extract().jsonPath();
        String url = playback.getString("streams[0].url");
        given().get(url).then().statusCode(200);
        pool.preparedQuery("UPDATE stream_lease SET expires_at = now() - interval '1 second' WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(playback.getString("leaseId")))).await().indefinitely();
        Eventually.within(Duration.ofSeconds(15), () -> given().get(url).statusCode() == 403);
    }

    @Test
    void aHeartbeatOfALapsedLeaseIs410AndTheLeaseStaysEnded() {
        UUID title = media.movie("Lapsed heartbeat", 0);
        media.video(title, "720p", MediaFixtures.bytes(100, 11));
        String token = Api.newProfileToken();
        JsonPath playback = start(token, title).then().statusCode(201).extract().jsonPath();
        UUID lease = UUID.fromString(playback.getString("leaseId"));
        pool.preparedQuery("UPDATE stream_lease SET expires_at = now() - interval '1 second' WHERE id = $1")
                .execute(Tuple.of(lease)).await().indefinitely();

        Api.as(token).contentType(ContentType.JSON).body(Map.of("positionSeconds", 12))
                .put("/api/v1/playback/" + lease + "/heartbeat").then().statusCode(410)
                .contentType("application/problem+json");
        // The heartbeat's own end was committed (the expiry sweep runs every 5 s and had no time to do it).
        assertThat(pool.preparedQuery("SELECT ended_at IS NOT NULL FROM stream_lease WHERE id = $1")
                .execute(Tuple.of(lease)).await().indefinitely().iterator().next().getBoolean(0)).isTrue();
        Api.as(token).contentType(ContentType.JSON).body(Map.of("positionSeconds", 13))
                .put("/api/v1/playback/" + lease + "/heartbeat").then().statusCode(410);
        Eventually.within(Duration.ofSeconds(5), () -> given().get(playback.getString("streams[0].url")).statusCode() == 403);
    }

    static Response start(String token, UUID titleId) {
        return Api.as(token).contentType(ContentType.JSON).body(Map.of("titleId", titleId.toString()))
                .post("/api/v1/playback");
    }
}
