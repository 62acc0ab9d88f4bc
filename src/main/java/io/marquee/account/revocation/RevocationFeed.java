package io.marquee.account.revocation;

import io.marquee.account.token.TokenConfig;
import io.marquee.playback.GrantConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.UUID;

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

    private final RevocationRegistry registry;
    private final Pool pool;
    private final Vertx vertx;
    private final TokenConfig tokens;
    private final GrantConfig grants;
    private final String url;
    private final String user;
    private final String password;
    private PgSubscriber subscriber;

    public RevocationFeed(RevocationRegistry registry, Pool pool, Vertx vertx, TokenConfig tokens, GrantConfig grants,
                          @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                          @ConfigProperty(name = "quarkus.datasource.username") String user,
                          @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "") String password) {
        this.registry = registry;
        this.pool = pool;
        this.vertx = vertx;
        this.tokens = tokens;
        this.grants = grants;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void start(@Observes StartupEvent event) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", "")).setUser(user);
        if (!password.isEmpty()) {
            options.setPassword(password);
        }
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempt -> 1_000L);
        subscriber.channel(Revocation.CHANNEL)
                .subscribeHandler(v -> reload().subscribe().with(
                        count -> LOG.debugf("Revocations reloaded: %d", count),
                        failure -> LOG.warnf("Could not reload revocations: %s", failure.getMessage())))
                .handler(payload -> Revocation.parse(payload).ifPresent(registry::apply));
        subscriber.connect().onFailure(e -> LOG.warnf("Revocation listener not connected yet: %s", e.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.close();
        }
    }

    /** Tells every instance (this one included) about a revocation when the current transaction commits. */
    public static Uni<Void> publish(Revocation revocation) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT 1 FROM pg_notify(:channel, :payload)")
                .setParameter("channel", Revocation.CHANNEL)
                .setParameter("payload", revocation.payload())
                .getSingleResult()).replaceWithVoid();
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
