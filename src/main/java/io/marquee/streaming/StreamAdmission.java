package io.marquee.streaming;

import io.marquee.common.health.ShutdownGate;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many response bodies this instance streams at once: a body beyond {@code marquee.streaming.max-concurrent-streams}
 * is refused (503 with Retry-After) before anything is read from S3, and shutdown waits for the bodies still writing.
 */
@ApplicationScoped
public class StreamAdmission {

    private static final Logger LOG = Logger.getLogger(StreamAdmission.class);

    private final AtomicInteger active;
    private final int limit;
    private final ShutdownGate shutdown;

    public StreamAdmission(StreamMetrics metrics, StreamingConfig config, ShutdownGate shutdown) {
        this.active = metrics.activeStreams();
        this.limit = config.maxConcurrentStreams();
        this.shutdown = shutdown;
    }

    /** True when one more body may stream now; the caller must then {@link #release()} it exactly once. */
    public boolean admit() {
        if (active.incrementAndGet() > limit) {
            active.decrementAndGet();
            return false;
        }
        return true;
    }

    public void release() {
        active.decrementAndGet();
    }

    /** Bodies streaming right now. */
    public int active() {
        return active.get();
    }

    /**
     * Quarkus counts a request as done when its response is ended, but the last bytes of a stream may still sit in
     * the connection's buffer then, and closing the server discards them. Shutdown therefore waits, within what is
     * left of the shutdown budget (deploy/README.md, "Shutdown timing"), until every stream's final write has been
     * handed to its socket.
     */
    void drain(@Observes ShutdownEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return; // dev and test instances stop at once
        }
        long deadline = System.nanoTime() + shutdown.remainingBudget().toNanos();
        while (active.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (active.get() > 0) {
            LOG.warnf("Stopping with %d streams still writing", active.get());
        }
    }
}
