package io.marquee.common.notify;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.function.Consumer;

/**
 * The one PostgreSQL LISTEN connection of an instance, shared by the features that hear about each other's changes
 * (revocations, replaced media): a message is published in the writer's transaction and reaches every instance
 * once it commits. The connection comes back by itself after a loss; each channel's {@code onListening} runs on
 * every (re)connection, so a listener can reload what it may have missed meanwhile.
 */
@ApplicationScoped
public class DatabaseNotifications {

    private static final Logger LOG = Logger.getLogger(DatabaseNotifications.class);

    private final PgSubscriber subscriber;
    private boolean connecting;

    public DatabaseNotifications(Vertx vertx,
                                 @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                                 @ConfigProperty(name = "quarkus.datasource.username") String user,
                                 @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "") String password) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", "")).setUser(user);
        if (!password.isEmpty()) {
            options.setPassword(password);
        }
        this.subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempt -> 1_000L);
    }

    /** Listens on {@code channel}; connects on the first call. */
    public synchronized void listen(String channel, Consumer<String> onMessage, Runnable onListening) {
        subscriber.channel(channel).subscribeHandler(v -> onListening.run()).handler(onMessage::accept);
        if (!connecting) {
            connecting = true;
            subscriber.connect().onFailure(e -> LOG.warnf("Notification listener not connected yet: %s", e.getMessage()));
        }
    }

    /** Sends {@code payload} on {@code channel} to every instance (this one included) when the current transaction commits. */
    public static Uni<Void> publish(String channel, String payload) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT 1 FROM pg_notify(:channel, :payload)")
                .setParameter("channel", channel)
                .setParameter("payload", payload)
                .getSingleResult()).replaceWithVoid();
    }

    void stop(@Observes ShutdownEvent event) {
        subscriber.close();
    }
}
