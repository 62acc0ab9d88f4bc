package io.marquee.packaging.index;

import io.marquee.support.Catalog;
import io.marquee.support.MediaFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The backfill that runs at every start: what has no index gets one, what cannot have one is left alone after. */
@QuarkusTest
class IndexBackfillTest {

    @Inject
    IndexBackfill backfill;
    @Inject
    MediaFixtures media;
    @Inject
    Pool pool;

    @Test
    void assetsWithoutAnIndexGetOneAndFailuresAreNotRetriedAtTheNextStart() {
        UUID title = media.movie(Catalog.unique("Backfill"), 0);
        UUID film = media.video(title, "360p", MediaFixtures.SAMPLE_VIDEO);
        UUID noise = media.video(title, "240p", MediaFixtures.bytes(3000, 81));

        IndexBackfill.Report first = run(false);
        assertThat(first.failed()).extracting(IndexBackfill.Failure::assetId).contains(noise).doesNotContain(film);
        assertThat(count("SELECT count(*) FROM media_index WHERE asset_id = $1", film)).isEqualTo(1);
        OffsetDateTime failedAt = failedAt(noise);

        IndexBackfill.Report second = run(false);
        assertThat(second.failed()).extracting(IndexBackfill.Failure::assetId).doesNotContain(noise);
        assertThat(second.alreadyIndexed()).isGreaterThanOrEqualTo(first.alreadyIndexed() + 1);
        assertThat(failedAt(noise)).isEqualTo(failedAt);

        assertThat(run(true).failed()).extracting(IndexBackfill.Failure::assetId).contains(noise);
        assertThat(failedAt(noise)).isAfter(failedAt);
    }

    private IndexBackfill.Report run(boolean retryFailed) {
        return backfill.run(retryFailed).await().atMost(Duration.ofMinutes(2));
    }

    private OffsetDateTime failedAt(UUID asset) {
        return pool.preparedQuery("SELECT failed_at FROM media_index_error WHERE asset_id = $1")
                .execute(Tuple.of(asset)).await().indefinitely().iterator().next().getOffsetDateTime("failed_at");
    }

    private long count(String sql, UUID id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
    }
}
