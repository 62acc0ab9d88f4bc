package io.marquee.account.revocation;

import io.marquee.account.token.TokenConfig;
import io.marquee.playback.GrantConfig;
import io.marquee.common.notify.DatabaseNotifications;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps {@link RevocationRegistry} current on every instance: PostgreSQL LISTEN/NOTIFY carries each revocation
 * within a moment of its commit, and every (re)connection reloads the recent ones so nothing sent while the
 * listener was away is missed.
 */
@ApplicationScoped
public class RevocationFeed {

    private static final Logger LOG = Logger.getLogger(RevocationFeed.class);
    private static final String RECENT_REVOCATIONS = """
            SELECT 'A' AS scope, id, tokens_valid_after AS since, disabled FROM account
            WHERE tokens_valid_after > now() - make_interval(secs => $1)
               OR (disabled AND disabled_at > now() - make_interval(secs => $1))
            UNION ALL
            SELECT 'L', id, revoked_at, false FROM login_session
            WHERE revoked_at > now() - make_interval(secs => $1)
            UNION ALL
            SELECT 'S', id, ended_at, false FROM stream_lease
            WHERE ended_at > now() - make_interval(secs => $2)""";

    /** The first retry of a failed reload waits this long; each further one twice as long, up to the maximum. */
    static final long FIRST_RETRY_MILLIS = 250;
    static final long MAX_RETRY_MILLIS = 30_000;

    private final RevocationRegistry registry;
    private final Pool pool;
    private final Vertx vertx;
    private final TokenConfig tokens;
    private final GrantConfig grants;
    private final DatabaseNotifications notifications;
    /** False from start and from every reconnection until the reload of recent revocations has succeeded. */
    private final AtomicBoolean current = new AtomicBoolean();
    /** Bumped by every (re)connection, so a retry left over from an earlier one stops. */
    private final AtomicLong generation = new AtomicLong();

    public RevocationFeed(RevocationRegistry registry, Pool pool, Vertx vertx, TokenConfig tokens, GrantConfig grants,
                          DatabaseNotifications notifications) {
        this.registry = registry;
        this.pool = pool;
        this.vertx = vertx;
        this.tokens = tokens;
        this.grants = grants;
        this.notifications = notifications;
    }

    void start(@Observes StartupEvent event) {
        notifications.listen(Revocation.CHANNEL, payload -> Revocation.parse(payload).ifPresent(registry::apply),
                this::listening);
    }

    /**
     * Whether every revocation committed so far is known here: false until the reload after the latest
     * (re)connection succeeded, since notifications sent while the listener was away are lost. Readiness reports it.
     */
    public boolean isCurrent() {
        return current.get();
    }

    /** Runs on every (re)connection of the listener: reloads, retrying with backoff until a reload succeeds. */
    void listening() {
        current.set(false);
        reloadUntilCurrent(generation.incrementAndGet(), FIRST_RETRY_MILLIS);
    }

    private void reloadUntilCurrent(long attempt, long nextDelayMillis) {
        if (generation.get() != attempt) {
            return;
        }
        reload().subscribe().with(count -> {
            if (generation.get() == attempt) {
                current.set(true);
                LOG.debugf("Revocations reloaded: %d", count);
            }
        }, failure -> {
            LOG.warnf("Could not reload revocations (retrying in %d ms; not ready until then): %s", nextDelayMillis,
                    failure.getMessage());
            vertx.setTimer(nextDelayMillis, id -> reloadUntilCurrent(attempt,
                    Math.min(MAX_RETRY_MILLIS, nextDelayMillis * 2)));
        });
    }

    /** Tells every instance (this one included) about a revocation when the current transaction commits. */
    public static Uni<Void> publish(Revocation revocation) {
        return DatabaseNotifications.publish(Revocation.CHANNEL, revocation.payload());
    }

    @Scheduled(every = "10m", delayed = "10m")
    void prune() {
        registry.prune(tokens.accessTokenLifetime().plus(tokens.clockSkew()), grants.lifetime());
    }

    Uni<Integer> reload() {
        long tokenHorizon = tokens.accessTokenLifetime().plus(tokens.clockSkew()).toSeconds();
        return pool.preparedQuery(RECENT_REVOCATIONS).execute(Tuple.of(tokenHorizon, grants.lifetime().toSeconds())).map(rows -> {
            int count = 0;
            for (Row row : rows) {
                UUID id = row.getUUID("id");
                String scope = row.getString("scope");
                registry.apply("S".equals(scope) ? Revocation.lease(id) : "L".equals(scope) ? Revocation.login(id)
                        : row.getBoolean("disabled") ? Revocation.accountDisabled(id)
                        : Revocation.accountBefore(id, row.getOffsetDateTime("since").toInstant()));
                count++;
            }
            return count;
        });
    }
}
