package io.marquee.common.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.common.problem.Problem;
import io.marquee.common.problem.ProblemType;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;

/**
 * Graceful shutdown, the part Quarkus leaves to the application (deploy/README.md, "Shutdown timing"): on SIGTERM
 * readiness goes DOWN and the app keeps serving for {@code quarkus.shutdown.delay} so load balancers can stop routing
 * to it; after that delay Quarkus only waits for in-flight requests (streams included) and would still serve new
 * ones, so this gate answers every request that arrives after the delay with a fast 503 and {@code Connection: close}.
 * Requests already running are never touched.
 * <p>
 * The JVM's own SIGTERM handling runs the same graceful stop but then exits with 143; in production mode SIGTERM is
 * handled here instead and asks Quarkus for the same stop with exit code 0, so orchestrators see a clean exit.
 * {@code DISABLE_SIGNAL_HANDLERS} (Quarkus's own switch) leaves the JVM's handling in place.
 */
@ApplicationScoped
public class ShutdownGate {

    private static final Logger LOG = Logger.getLogger(ShutdownGate.class);
    private static final long OPEN = Long.MIN_VALUE;

    private final Duration delay;
    private final Duration timeout;
    private final ObjectMapper json;
    /** {@link System#nanoTime()} from which new requests are refused, or {@link #OPEN}. */
    private volatile long closesAt = OPEN;

    public ShutdownGate(@ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay,
                        @ConfigProperty(name = "quarkus.shutdown.timeout") Optional<Duration> timeout, ObjectMapper json) {
        this.delay = delay.orElse(Duration.ZERO);
        this.timeout = timeout.orElse(Duration.ZERO);
        this.json = json;
    }

    void started(@Observes StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL || System.getenv("DISABLE_SIGNAL_HANDLERS") != null) {
            return;
        }
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> Quarkus.asyncExit(0));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.warnf("SIGTERM is left to the JVM (exit code 143 after a graceful stop): %s", e.getMessage());
        }
    }

    void delayStarts(@Observes ShutdownDelayInitiatedEvent event) {
        closesAt = System.nanoTime() + delay.toNanos();
        LOG.infof("Shutting down: readiness is DOWN; new requests are refused after %s", delay);
    }

    void stopping(@Observes ShutdownEvent event) {
        if (closesAt == OPEN) {
            closesAt = System.nanoTime();
        }
    }

    void routes(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::gate);
    }

    /**
     * How long is left of the shutdown budget (drain delay + {@code quarkus.shutdown.timeout}) for work that must
     * finish before the server closes; zero when not shutting down or when the budget is spent.
     */
    public Duration remainingBudget() {
        long at = closesAt;
        if (at == OPEN) {
            return Duration.ZERO;
        }
        long left = at + timeout.toNanos() - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    boolean refusing() {
        long at = closesAt;
        return at != OPEN && System.nanoTime() - at >= 0;
    }

    private void gate(RoutingContext ctx) {
        if (!refusing()) {
            ctx.next();
            return;
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(Problem.of(ProblemType.SERVICE_UNAVAILABLE,
                    "This instance is shutting down: retry, another instance will answer."));
        } catch (JsonProcessingException e) {
            body = new byte[0];
        }
        ctx.response().setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.RETRY_AFTER, "1")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length))
                .end(io.vertx.core.buffer.Buffer.buffer(body));
    }
}
