package io.marquee.packaging.index;

import io.marquee.packaging.PackagingConfig;
import io.marquee.packaging.index.IndexRows.StoredAsset;
import io.marquee.packaging.mp4.MediaIndexCodec;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Gives an index to the video assets that have none: those installed before indexing existed, or by hand. Runs in
 * the background at every start (every instance may: a missing index is found by one query, and storing one is
 * idempotent) and on an administrator's demand. An asset that cannot be indexed has its reason recorded and is left
 * alone from then on, unless an administrator asks to retry.
 */
@ApplicationScoped
public class IndexBackfill {

    private static final Logger LOG = Logger.getLogger(IndexBackfill.class);
    private static final int BATCH = 100;
    private static final String CURRENT = "i.asset_id = a.id AND i.source_etag = a.etag AND i.format = $1";
    private static final String MISSING = "SELECT a.id, a.s3_key, a.etag, a.size_bytes FROM media_asset a"
            + " WHERE a.kind = 'video' AND a.id > $2"
            + " AND NOT EXISTS (SELECT 1 FROM media_index i WHERE " + CURRENT + ")"
            + " AND ($3 OR NOT EXISTS (SELECT 1 FROM media_index_error e WHERE e.asset_id = a.id"
            + " AND e.source_etag = a.etag))"
            + " ORDER BY a.id LIMIT " + BATCH;
    private static final String INDEXED = "SELECT count(*) FROM media_asset a JOIN media_index i ON " + CURRENT
            + " WHERE a.kind = 'video'";
    private static final UUID FIRST = new UUID(0, 0);

    /** What a run did: assets indexed now, those that cannot be (and why), and those that had an index already. */
    public record Report(int indexed, List<Failure> failed, long alreadyIndexed) {
    }

    /** An asset that cannot be indexed: an Mp4Refusal reason (or OBJECT_MISSING) and the sentence saying why. */
    public record Failure(UUID assetId, String reason, String detail) {
    }

    private final Pool pool;
    private final StoredAssetIndexer indexer;
    private final PackagingConfig config;

    public IndexBackfill(Pool pool, StoredAssetIndexer indexer, PackagingConfig config) {
        this.pool = pool;
        this.indexer = indexer;
        this.config = config;
    }

    /**
     * Indexes every video asset without an index, one at a time (each costs a few small ranged GETs); with
     * {@code retryFailed} also those whose failure was recorded. Stops at the first failure that may pass (S3 or
     * PostgreSQL unavailable): what is done stays done.
     */
    public Uni<Report> run(boolean retryFailed) {
        return pool.preparedQuery(INDEXED).execute(Tuple.of(MediaIndexCodec.FORMAT))
                .map(rows -> rows.iterator().next().getLong(0))
                .chain(already -> {
                    Progress progress = new Progress(already);
                    return batch(progress, FIRST, retryFailed).replaceWith(progress::report);
                });
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.backfillAtStart()) {
            return;
        }
        run(false).subscribe().with(
                report -> {
                    if (report.indexed() > 0 || !report.failed().isEmpty()) {
                        LOG.infof("Index backfill: %d video assets indexed, %d cannot be, %d had an index",
                                report.indexed(), report.failed().size(), report.alreadyIndexed());
                    }
                },
                failure -> LOG.warnf("Index backfill stopped (it resumes at the next start, and each asset is"
                        + " indexed on its first playback meanwhile): %s", failure.toString()));
    }

    private Uni<Void> batch(Progress progress, UUID after, boolean retryFailed) {
        return pool.preparedQuery(MISSING).execute(Tuple.of(MediaIndexCodec.FORMAT, after, retryFailed))
                .map(rows -> {
                    List<StoredAsset> assets = new ArrayList<>();
                    for (Row row : rows) {
                        assets.add(new StoredAsset(row.getUUID("id"), row.getString("s3_key"), row.getString("etag"),
                                row.getLong("size_bytes")));
                    }
                    return assets;
                })
                .chain(assets -> {
                    if (assets.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (StoredAsset asset : assets) {
                        all = all.chain(() -> indexer.index(asset).invoke(outcome -> progress.add(asset, outcome)))
                                .replaceWithVoid();
                    }
                    UUID last = assets.get(assets.size() - 1).id();
                    return all.chain(() -> assets.size() < BATCH ? Uni.createFrom().voidItem()
                            : batch(progress, last, retryFailed));
                });
    }

    private static final class Progress {
        private final long alreadyIndexed;
        private final List<Failure> failed = new ArrayList<>();
        private int indexed;

        Progress(long alreadyIndexed) {
            this.alreadyIndexed = alreadyIndexed;
        }

        synchronized void add(StoredAsset asset, StoredAssetIndexer.Outcome outcome) {
            if (outcome.isIndexed()) {
                indexed++;
            } else {
                failed.add(new Failure(asset.id(), outcome.reason(), outcome.detail()));
            }
        }

        synchronized Report report() {
            return new Report(indexed, List.copyOf(failed), alreadyIndexed);
        }
    }
}
