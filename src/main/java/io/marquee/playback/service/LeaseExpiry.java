package io.marquee.playback.service;

import io.marquee.account.revocation.Revocation;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Ends leases whose player stopped sending heartbeats, and revokes their grants on every instance. Every instance
 * sweeps; the UPDATE hands each lapsed lease to exactly one of them. Also keeps the active-leases gauge current.
 */
@ApplicationScoped
public class LeaseExpiry {

    private static final String END_LAPSED = """
            UPDATE stream_lease SET ended_at = expires_at
            WHERE ended_at IS NULL AND expires_at <= now() RETURNING id""";

    private static final String COUNT_ACTIVE = "SELECT count(*) FROM stream_lease WHERE ended_at IS NULL";

    private final Pool pool;
    private final AtomicLong activeLeases = new AtomicLong();

    public LeaseExpiry(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        registry.gauge("marquee.leases.active", activeLeases);
    }

    @Scheduled(every = "${marquee.playback.expiry-sweep:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return pool.withTransaction(connection -> connection.query(END_LAPSED).execute()
                .chain(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(row -> notify(connection, row))
                        .collect().last())
                        .chain(() -> connection.query(COUNT_ACTIVE).execute())
                        .invoke(rows -> activeLeases.set(rows.iterator().next().getLong(0))))
                .replaceWithVoid();
    }

    private static Uni<Void> notify(io.vertx.mutiny.sqlclient.SqlConnection connection, Row row) {
        return connection.preparedQuery("SELECT pg_notify($1, $2)")
                .execute(Tuple.of(Revocation.CHANNEL, Revocation.lease(row.getUUID("id")).payload()))
                .replaceWithVoid();
    }
}
