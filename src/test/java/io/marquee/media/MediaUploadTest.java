package io.marquee.media;

import io.marquee.account.service.AccountService;
import io.marquee.media.ingest.StreamingUpload;
import io.marquee.media.model.MediaAsset;
import io.marquee.support.Api;
import io.marquee.support.Bucket;
import io.marquee.support.Catalog;
import io.marquee.support.Eventually;
import io.marquee.support.Mp4Files;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class MediaUploadTest {

    @Inject
    AccountService accounts;
    @Inject
    S3Client s3;

    private String admin;
    private String title;

    @BeforeEach
    void title() {
        admin = Catalog.newAdminToken(accounts);
        title = Catalog.create(admin, Catalog.movie(Catalog.unique("Uploaded"), 0));
    }

    @Test
    void theSampleVideoIsStoredAndMakesTheTitlePlayable() {
        byte[] sample = Mp4Files.sample();
        String assetId = upload("/api/v1/admin/titles/" + title + "/media?label=360p", "video/mp4", sample)
                .statusCode(201).body("sizeBytes", equalTo(sample.length)).body("contentType", equalTo("video/mp4"))
                .extract().path("assetId");
        MediaAsset asset = asset(UUID.fromString(assetId));
        HeadObjectResponse head = s3.headObject(r -> r.bucket(Bucket.NAME).key(asset.s3Key));
        assertThat(asset.etag).isEqualTo(head.eTag()).startsWith("\"");
        assertThat(asset.sizeBytes).isEqualTo(head.contentLength()).isEqualTo(sample.length);
        assertThat(asset.s3Key).startsWith("titles/" + title + "/video/360p/").endsWith(".mp4");
        assertThat(asset.width).isEqualTo(640);
        assertThat(asset.height).isEqualTo(360);
        assertThat(asset.durationSeconds).isEqualTo(40);
        assertThat(asset.bitrate).isBetween(400_000L, 700_000L);
        assertThat(Bucket.sha256(s3, asset.s3Key)).isEqualTo(Bucket.sha256(new java.io.ByteArrayInputStream(sample)));
        Api.as(Api.newProfileToken()).get("/api/v1/titles/" + title).then().body("playable", equalTo(true));
    }

    @Test
    void aBodyOfSeveralPartsArrivesIntact() {
        long size = 2L * StreamingUpload.PART_SIZE + 12345;
        String assetId = RestAssured.given().header("Authorization", "Bearer " + admin).contentType("video/mp4")
                .body(Mp4Files.generated(size)).put("/api/v1/admin/titles/" + title + "/media?label=1080p")
                .then().statusCode(201).body("sizeBytes", equalTo((int) size)).extract().path("assetId");
        MediaAsset asset = asset(UUID.fromString(assetId));
        assertThat(asset.etag).endsWith("-3\"");
        assertThat(Bucket.sha256(s3, asset.s3Key)).isEqualTo(Bucket.sha256(Mp4Files.generated(size)));
        assertThat(Bucket.pendingUploads(s3, "titles/" + title + "/")).isEmpty();
    }

    @Test
    void aLateMoovIsRefusedWithTheFix() {
        upload("/api/v1/admin/titles/" + title + "/media?label=720p", "video/mp4", Mp4Files.lateMoov())
                .statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("-movflags +faststart"));
        assertThat(Bucket.emptyFor(s3, title)).isTrue();
    }

    @Test
    void aLateMoovAfterAFullPartIsRefusedAndAborted() {
        byte[] header = Mp4Files.boxes().get("ftyp");
        byte[] free = new byte[StreamingUpload.PART_SIZE + 1000];
        java.nio.ByteBuffer.wrap(free).putInt(free.length).put("free".getBytes(StandardCharsets.ISO_8859_1));
        byte[] body = Mp4Files.concat(header, free, Mp4Files.boxes().get("mdat"), Mp4Files.boxes().get("moov"));
        upload("/api/v1/admin/titles/" + title + "/media?label=720p", "video/mp4", body).statusCode(422);
        Eventually.within(Duration.ofSeconds(10), () -> Bucket.emptyFor(s3, title));
    }

    @Test
    void aPngDeclaredAsVideoIsRefused() {
        upload("/api/v1/admin/titles/" + title + "/media?label=720p", "video/mp4", png())
                .statusCode(415).contentType("application/problem+json").body("type", endsWith("unsupported-media-type"));
        assertThat(Bucket.emptyFor(s3, title)).isTrue();
    }

    @Test
    void aTruncatedMp4IsRefused() {
        byte[] sample = Mp4Files.sample();
        upload("/api/v1/admin/titles/" + title + "/media?label=720p", "video/mp4",
                Arrays.copyOf(sample, sample.length - 1000))
                .statusCode(422).body("detail", containsString("truncated"));
        assertThat(Bucket.emptyFor(s3, title)).isTrue();
    }

    @Test
    void anUploadCutOffMidwayLeavesNothing() throws Exception {
        long announced = 3L * StreamingUpload.PART_SIZE;
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /api/v1/admin/titles/" + title + "/media?label=4k HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + admin + "\r\nContent-Type: video/mp4\r\nContent-Length: " + announced
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            var body = Mp4Files.generated(announced);
            byte[] chunk = new byte[64 * 1024];
            for (long sent = 0; sent < StreamingUpload.PART_SIZE + 2L * 1024 * 1024; sent += chunk.length) {
                out.write(chunk, 0, body.read(chunk));
            }
            out.flush();
            // The cut must hit an upload in progress: S3 holds its multipart upload (a first part is on its way).
            Eventually.within(Duration.ofSeconds(15), () -> !Bucket.pendingUploads(s3, "titles/" + title).isEmpty());
        }
        Eventually.within(Duration.ofSeconds(15), () -> Bucket.emptyFor(s3, title));
        Api.as(admin).get("/api/v1/titles/" + title).then().body("playable", equalTo(false));
    }

    @Test
    void aReplacementSwapsObjectsAndDeletesTheOldOne() {
        String path = "/api/v1/admin/titles/" + title + "/media?label=360p";
        String first = upload(path, "video/mp4", Mp4Files.sample()).statusCode(201).extract().path("assetId");
        String oldKey = asset(UUID.fromString(first)).s3Key;
        String second = upload(path, "video/mp4", Mp4Files.sample()).statusCode(201).extract().path("assetId");
        assertThat(second).isNotEqualTo(first);
        String newKey = asset(UUID.fromString(second)).s3Key;
        assertThat(Bucket.keys(s3, "titles/" + title + "/")).containsExactly(newKey);
        assertThat(newKey).isNotEqualTo(oldKey);
        assertThat(asset(UUID.fromString(first))).isNull();
    }

    @Test
    void subtitlesArtworkAndEpisodeMediaAreChecked() {
        upload("/api/v1/admin/titles/" + title + "/subtitles/en", "text/vtt", Mp4Files.resource("/media/sample.en.vtt"))
                .statusCode(201).body("contentType", equalTo("text/vtt"));
        upload("/api/v1/admin/titles/" + title + "/subtitles/en", "text/vtt", "1\n00:00 --> 00:01\nHi".getBytes())
                .statusCode(415);
        upload("/api/v1/admin/titles/" + title + "/artwork/poster", "image/png", png()).statusCode(201);
        upload("/api/v1/admin/titles/" + title + "/artwork/backdrop", "image/jpeg", png()).statusCode(415);
        upload("/api/v1/admin/titles/" + title + "/artwork/banner", "image/png", png()).statusCode(404);
        Api.as(admin).get("/api/v1/titles/" + title).then()
                .body("posterUrl", equalTo("/artwork/" + title + "/poster"));
        String series = Catalog.create(admin, Catalog.series(Catalog.unique("With episodes"), 0));
        String episode = Catalog.episode(admin, series, 1, 1, 40);
        upload("/api/v1/admin/episodes/" + episode + "/media?label=360p", "video/mp4", Mp4Files.sample())
                .statusCode(201);
        upload("/api/v1/admin/episodes/" + UUID.randomUUID() + "/media?label=360p", "video/mp4", Mp4Files.sample())
                .statusCode(404).contentType("application/problem+json");
        Api.as(admin).get("/api/v1/titles/" + series).then().body("playable", equalTo(true));
    }

    @Test
    void uploadsNeedAnAdministratorALabelAndAKnownType() {
        String path = "/api/v1/admin/titles/" + title + "/media?label=360p";
        RestAssured.given().contentType("video/mp4").body(Mp4Files.sample()).put(path).then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        RestAssured.given().header("Authorization", "Bearer not.a.token").contentType("video/mp4")
                .body(Mp4Files.sample()).put(path).then().statusCode(401);
        RestAssured.given().header("Authorization", "Bearer " + Api.newAccountToken()).contentType("video/mp4")
                .body(Mp4Files.sample()).put(path).then().statusCode(403).contentType("application/problem+json");
        upload("/api/v1/admin/titles/" + title + "/media", "video/mp4", Mp4Files.sample()).statusCode(400)
                .body("errors[0].field", equalTo("label"));
        upload(path, "video/quicktime", Mp4Files.sample()).statusCode(415);
        upload("/api/v1/admin/titles/" + UUID.randomUUID() + "/media?label=360p", "video/mp4", Mp4Files.sample())
                .statusCode(404);
        assertThat(Bucket.emptyFor(s3, title)).isTrue();
    }

    @Test
    void deletingATitleDeletesItsObjects() {
        upload("/api/v1/admin/titles/" + title + "/media?label=360p", "video/mp4", Mp4Files.sample()).statusCode(201);
        upload("/api/v1/admin/titles/" + title + "/artwork/poster", "image/png", png()).statusCode(201);
        assertThat(Bucket.keys(s3, "titles/" + title + "/")).hasSize(2);
        Api.as(admin).delete("/api/v1/admin/titles/" + title).then().statusCode(204);
        assertThat(Bucket.keys(s3, "titles/" + title + "/")).isEmpty();
    }

    private ValidatableResponse upload(String path, String contentType, byte[] body) {
        return RestAssured.given().header("Authorization", "Bearer " + admin).contentType(contentType).body(body)
                .put(path).then();
    }

    private static MediaAsset asset(UUID id) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> MediaAsset.findById(id)));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] png() {
        try {
            var image = new java.awt.image.BufferedImage(4, 6, java.awt.image.BufferedImage.TYPE_INT_RGB);
            var out = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
