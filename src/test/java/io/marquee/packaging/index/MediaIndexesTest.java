package io.marquee.packaging.index;

import io.marquee.account.service.AccountService;
import io.marquee.packaging.mp4.MediaIndex;
import io.marquee.packaging.mp4.Mp4IndexReader;
import io.marquee.support.Api;
import io.marquee.support.Catalog;
import io.marquee.support.Eventually;
import io.marquee.support.MediaFixtures;
import io.marquee.support.Mp4Files;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The read API of the HLS and DASH endpoints: decoded indexes, cached, dropped on change, made on first use. */
@QuarkusTest
class MediaIndexesTest {

    @Inject
    MediaIndexes indexes;
    @Inject
    MediaFixtures media;
    @Inject
    AccountService accounts;
    @Inject
    Pool pool;

    @Test
    void anUploadedVideosIndexIsDecodedOnceAndKept() throws Exception {
        String admin = Catalog.newAdminToken(accounts);
        String title = Catalog.create(admin, Catalog.movie(Catalog.unique("Indexed"), 0));
        UUID asset = upload(admin, title, "360p");

        MediaIndex first = forAsset(asset).orElseThrow();
        assertThat(first).isEqualTo(Mp4IndexReader.read(Mp4Files.boxes().get("moov"), Duration.ofSeconds(6)));
        assertThat(forAsset(asset).orElseThrow()).isSameAs(first);
    }

    @Test
    void everyInstanceDropsTheIndexOfAReplacedOrDeletedAsset() {
        String admin = Catalog.newAdminToken(accounts);
        String title = Catalog.create(admin, Catalog.movie(Catalog.unique("Replaced"), 0));
        UUID replaced = upload(admin, title, "360p");
        assertThat(forAsset(replaced)).isPresent();
        UUID replacement = upload(admin, title, "360p");
        // The cache held it: only the NOTIFY published by the replacing transaction makes it go.
        Eventually.within(Duration.ofSeconds(10), () -> forAsset(replaced).isEmpty());

        assertThat(forAsset(replacement)).isPresent();
        Api.as(admin).delete("/api/v1/admin/titles/" + title).then().statusCode(204);
        Eventually.within(Duration.ofSeconds(10), () -> forAsset(replacement).isEmpty());
    }

    @Test
    void anAssetInstalledWithoutAnIndexIsIndexedOnItsFirstUseAndStored() {
        UUID title = media.movie(Catalog.unique("Fixture"), 0);
        UUID asset = media.video(title, "360p", MediaFixtures.SAMPLE_VIDEO);
        assertThat(indexRow(asset)).isNull();

        assertThat(forAsset(asset)).isPresent();
        Row row = indexRow(asset);
        assertThat(row).isNotNull();
        assertThat(row.getString("video_codec")).isEqualTo("avc1.4d401e");
        assertThat(row.getInteger("segment_count")).isEqualTo(7);
        assertThat(row.getString("source_etag")).isEqualTo(etag(asset));
    }

    @Test
    void anAssetThatCannotBeIndexedHasItsReasonRecordedAndIsNotTriedAgain() {
        UUID title = media.movie(Catalog.unique("Not a film"), 0);
        UUID asset = media.video(title, "360p", MediaFixtures.bytes(4096, 61));

        assertThat(forAsset(asset)).isEmpty();
        Row failure = errorRow(asset);
        assertThat(failure.getString("reason")).isEqualTo("MALFORMED");
        assertThat(failure.getString("detail")).contains("not an MP4");
        var failedAt = failure.getOffsetDateTime("failed_at");

        assertThat(forAsset(asset)).isEmpty();
        assertThat(errorRow(asset).getOffsetDateTime("failed_at")).isEqualTo(failedAt);
        assertThat(indexRow(asset)).isNull();
    }

    @Test
    void whatIsNotAVideoAssetHasNoIndex() {
        UUID title = media.movie(Catalog.unique("Subtitled"), 0);
        UUID subtitles = media.subtitles(title, "en", MediaFixtures.SAMPLE_SUBTITLES);
        assertThat(forAsset(subtitles)).isEmpty();
        assertThat(forAsset(UUID.randomUUID())).isEmpty();
        assertThat(errorRow(subtitles)).isNull();
    }

    private Optional<MediaIndex> forAsset(UUID asset) {
        return indexes.forAsset(asset).await().atMost(Duration.ofSeconds(20));
    }

    private static UUID upload(String admin, String title, String label) {
        return UUID.fromString(RestAssured.given().header("Authorization", "Bearer " + admin)
                .contentType("video/mp4").body(Mp4Files.sample())
                .put("/api/v1/admin/titles/" + title + "/media?label=" + label)
                .then().statusCode(201).extract().path("assetId"));
    }

    private Row indexRow(UUID asset) {
        return first("SELECT * FROM media_index WHERE asset_id = $1", asset);
    }

    private Row errorRow(UUID asset) {
        return first("SELECT * FROM media_index_error WHERE asset_id = $1", asset);
    }

    private String etag(UUID asset) {
        return first("SELECT etag FROM media_asset WHERE id = $1", asset).getString("etag");
    }

    private Row first(String sql, UUID id) {
        var rows = pool.preparedQuery(sql).execute(Tuple.of(id)).await().indefinitely();
        return rows.size() == 0 ? null : rows.iterator().next();
    }
}
