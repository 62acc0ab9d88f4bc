package io.marquee.media.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Objects whose catalog rows are gone. They are recorded in the transaction that removes the rows, so a delete that
 * S3 refuses or never receives (S3 down, the process stopped) leaves a record instead of an orphan: the caller's
 * answer does not depend on S3 once the database has committed, and a scheduled sweep deletes what is left.
 */
@ApplicationScoped
public class MediaOrphans {

    private static final Logger LOG = Logger.getLogger(MediaOrphans.class);
    private static final int SWEEP_BATCH = 500;

    private final MediaStorage storage;
    private final Pool pool;

    public MediaOrphans(MediaStorage storage, Pool pool) {
        this.storage = storage;
        this.pool = pool;
    }

    /** Records the keys in the current transaction: from its commit on, they are deleted sooner or later. */
    public static Uni<Void> record(List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (String key : keys) {
                all = all.call(() -> session.createNativeQuery(
                                "INSERT INTO media_orphan (s3_key) VALUES (:key) ON CONFLICT (s3_key) DO NOTHING")
                        .setParameter("key", key).executeUpdate());
            }
            return all;
        });
    }

    /** Deletes recorded objects now; those S3 deleted lose their record, the others wait for the sweep. Never fails. */
    public Uni<Void> deleteNow(List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return storage.deleteReportingFailures(keys).chain(failed -> {
            List<String> deleted = new ArrayList<>(keys);
            deleted.removeAll(failed);
            Uni<Void> forgetDeleted = deleted.isEmpty() ? Uni.createFrom().voidItem()
                    : pool.preparedQuery("DELETE FROM media_orphan WHERE s3_key = ANY($1)")
                            .execute(Tuple.of(deleted.toArray(String[]::new))).replaceWithVoid();
            Uni<Void> countFailed = failed.isEmpty() ? Uni.createFrom().voidItem()
                    : pool.preparedQuery("UPDATE media_orphan SET attempts = attempts + 1, "
                                    + "last_error = 'S3 did not confirm the delete' WHERE s3_key = ANY($1)")
                            .execute(Tuple.of(failed.toArray(String[]::new))).replaceWithVoid();
            return forgetDeleted.chain(() -> countFailed);
        }).onFailure().recoverWithUni(failure -> {
            LOG.warnf("Orphaned objects stay recorded for the next sweep: %s", failure.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    /** Retries the recorded deletes, oldest first. */
    @Scheduled(every = "${marquee.media.orphan-sweep:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return pool.preparedQuery("SELECT s3_key FROM media_orphan ORDER BY recorded_at LIMIT $1")
                .execute(Tuple.of(SWEEP_BATCH))
                .map(rows -> {
                    List<String> keys = new ArrayList<>();
                    for (Row row : rows) {
                        keys.add(row.getString("s3_key"));
                    }
                    return keys;
                })
                .chain(this::deleteNow)
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("Orphan sweep skipped: %s", failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }
}
