package io.marquee.packaging;

import io.marquee.packaging.mp4.Ffmpeg;
import io.marquee.playback.GrantConfig;
import io.marquee.playback.grant.GrantCodec;
import io.marquee.playback.grant.PlaybackGrant;
import io.marquee.support.Api;
import io.marquee.support.Eventually;
import io.marquee.support.MediaFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Who may fetch packaged manifests and segments, and the validators and cache headers they carry. */
@QuarkusTest
class PackagedAccessTest {

    @Inject
    MediaFixtures media;

    @Inject
    GrantConfig grantConfig;

    @TempDir
    Path dir;

    private record Started(String token, String leaseId, String base, String videoId) {
        String segment(String file) {
            return base + videoId + "/" + file;
        }
    }

    private Started start() {
        UUID title = media.movie("Packaged access " + UUID.randomUUID(), 0);
        media.video(title, "360p", MediaFixtures.SAMPLE_VIDEO);
        String token = Api.newProfileToken();
        JsonPath playback = Api.as(token).contentType(ContentType.JSON).body(Map.of("titleId", title.toString()))
                .post("/api/v1/playback").then().statusCode(201).extract().jsonPath();
        String hls = playback.getString("hlsUrl");
        return new Started(token, playback.getString("leaseId"), hls.substring(0, hls.lastIndexOf('/') + 1),
                playback.getString("streams[0].assetId"));
    }

    @Test
    void aPathWithoutAValidGrantIs401() {
        for (String path : List.of("/packaged/not-a-grant/master.m3u8", "/packaged/x.y/manifest.mpd",
                "/packaged/x/" + UUID.randomUUID() + "/video/1.m4s")) {
            given().get(path).then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void anExpiredGrantIs401() {
        Started s = start();
        PlaybackGrant expired = new PlaybackGrant(UUID.fromString(s.leaseId()), UUID.randomUUID(),
                List.of(UUID.fromString(s.videoId())), Instant.now().minusSeconds(1));
        String grant = GrantCodec.fromBase64(grantConfig.secret()).sign(expired);
        given().get("/packaged/" + grant + "/master.m3u8").then().statusCode(401);
        given().get("/packaged/" + grant + "/" + s.videoId() + "/video/1.m4s").then().statusCode(401);
    }

    @Test
    void aGrantDoesNotOpenAnotherPlaybacksAssets() {
        Started mine = start();
        Started theirs = start();
        given().get(mine.base() + theirs.videoId() + "/video/1.m4s").then().statusCode(403)
                .contentType("application/problem+json");
        given().get(mine.base() + theirs.videoId() + "/video.m3u8").then().statusCode(403);
        given().get(mine.segment("video/1.m4s")).then().statusCode(200);
    }

    @Test
    void endingThePlaybackClosesItsManifestsAndSegments() {
        Started s = start();
        given().get(s.base() + "master.m3u8").then().statusCode(200);
        Api.as(s.token()).delete("/api/v1/playback/" + s.leaseId()).then().statusCode(204);
        Eventually.within(Duration.ofSeconds(5), () -> given().get(s.segment("video/2.m4s")).statusCode() == 403);
        given().get(s.base() + "master.m3u8").then().statusCode(403);
        given().get(s.base() + "manifest.mpd").then().statusCode(403);
    }

    @Test
    void segmentsHaveStrongValidatorsPublicCachingAndExactRanges() {
        Started s = start();
        Response whole = given().get(s.segment("video/2.m4s"));
        whole.then().statusCode(200).contentType("video/mp4").header("Accept-Ranges", "bytes");
        String etag = whole.header("ETag");
        assertThat(etag).startsWith("\"").endsWith("\"");
        assertThat(whole.header("Cache-Control")).contains("public", "max-age=");
        byte[] bytes = whole.asByteArray();
        assertThat(whole.header("Content-Length")).isEqualTo(String.valueOf(bytes.length));
        given().header("If-None-Match", etag).get(s.segment("video/2.m4s")).then().statusCode(304)
                .header("ETag", etag);
        Response range = given().header("Range", "bytes=10-5009").get(s.segment("video/2.m4s"));
        range.then().statusCode(206).header("Content-Range", "bytes 10-5009/" + bytes.length);
        assertThat(range.asByteArray()).isEqualTo(Arrays.copyOfRange(bytes, 10, 5010));
        given().head(s.segment("video/2.m4s")).then().statusCode(200).header("ETag", etag)
                .header("Content-Length", String.valueOf(bytes.length));
        assertThat(given().get(s.segment("video/3.m4s")).header("ETag")).isNotEqualTo(etag);
        given().header("Range", "bytes=" + bytes.length + "-").get(s.segment("video/2.m4s")).then().statusCode(416);
        Response parts = given().header("Range", "bytes=0-99,2000-2099").get(s.segment("video/2.m4s"));
        parts.then().statusCode(206).contentType(org.hamcrest.Matchers.startsWith("multipart/byteranges"));
        String multipart = new String(parts.asByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(multipart).contains("Content-Range: bytes 0-99/" + bytes.length,
                "Content-Range: bytes 2000-2099/" + bytes.length,
                new String(Arrays.copyOfRange(bytes, 2000, 2100), java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void manifestsArePrivateAndRevalidated() {
        Started s = start();
        for (String manifest : List.of("master.m3u8", "manifest.mpd", s.videoId() + "/video.m3u8")) {
            Response response = given().get(s.base() + manifest);
            response.then().statusCode(200);
            assertThat(response.header("Cache-Control")).contains("private");
            given().header("If-None-Match", response.header("ETag")).get(s.base() + manifest).then().statusCode(304);
        }
    }

    @Test
    void unknownPlaylistsTracksAndSegmentsAre404() {
        Started s = start();
        int segments = (int) given().get(s.segment("video.m3u8")).asString().lines()
                .filter(l -> l.endsWith(".m4s")).count();
        for (String file : List.of("video/0.m4s", "video/" + (segments + 1) + ".m4s", "subs/1.m4s", "video/x.m4s",
                "audio/1.key.m4s", "video/01.m4s", "nothing.m3u8", "subtitles.m3u8")) {
            given().get(s.segment(file)).then().statusCode(404).contentType("application/problem+json");
        }
        given().get(s.base() + "other.m3u8").then().statusCode(404);
        given().get(s.segment("video/" + segments + ".m4s")).then().statusCode(200);
        given().post(s.base() + "master.m3u8").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS");
    }

    @Test
    void aKeyFrameSegmentIsOneDecodableFrameLastingItsSegment() throws Exception {
        Started s = start();
        byte[] init = given().get(s.segment("video/init.mp4")).then().statusCode(200).extract().asByteArray();
        byte[] key = given().get(s.segment("video/2.key.m4s")).then().statusCode(200).extract().asByteArray();
        Path file = Files.write(dir.resolve("key.mp4"), concat(init, key));
        List<Ffmpeg.Packet> packets = Ffmpeg.packets(file, "v:0");
        assertThat(packets).hasSize(1);
        assertThat(packets.get(0).key()).isTrue();
        assertThat(Ffmpeg.decodeErrors(file)).isEmpty();
        assertThat(Ffmpeg.decodedFrames(file, "v:0")).isEqualTo(1);
        assertThat(given().get(s.segment("iframes.m3u8")).asString()).contains("#EXT-X-I-FRAMES-ONLY",
                "video/2.key.m4s");
    }

    @Test
    void theOpenApiDocumentDescribesThePackagedRoutesAndThePlaybackUrls() {
        io.restassured.path.json.JsonPath openapi = given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> paths = openapi.getMap("paths");
        assertThat(paths).containsKeys("/packaged/{grant}/master.m3u8", "/packaged/{grant}/manifest.mpd",
                "/packaged/{grant}/{assetId}/{file}", "/packaged/{grant}/{assetId}/{track}/{segment}");
        assertThat(openapi.getMap("components.schemas.Playback.properties")).containsKeys("hlsUrl", "dashUrl");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
