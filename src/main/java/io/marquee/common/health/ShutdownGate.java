package io.marquee.common.health;

import io.marquee.common.CorrelationIds;
import io.marquee.common.problem.Problem;
import io.marquee.common.problem.ProblemType;
import io.marquee.common.problem.ProblemWriter;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
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
    private static final Problem SHUTTING_DOWN = Problem.of(ProblemType.SERVICE_UNAVAILABLE,
            "This instance is shutting down: retry, another instance will answer.");

    private final Duration delay;
    private final Duration timeout;
    private final ProblemWriter problems;
    /** {@link System#nanoTime()} from which new requests are refused, or {@link #OPEN}. */
    private volatile long closesAt = OPEN;

    public ShutdownGate(@ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay,
                        @ConfigProperty(name = "quarkus.shutdown.timeout") Optional<Duration> timeout,
                        ProblemWriter problems) {
        this.delay = delay.orElse(Duration.ZERO);
        this.timeout = timeout.orElse(Duration.ZERO);
        this.problems = problems;
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
        router.route().order(CorrelationIds.ORDER + 1).handler(this::gate);
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
        problems.write(ctx, SHUTTING_DOWN, Map.of("Retry-After", "1", "Connection", "close"));
    }
}
