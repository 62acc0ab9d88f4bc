package io.marquee.streaming;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What the byte endpoints count: bytes, active streams, responses by outcome, S3 first-byte time and errors. */
@Startup
@ApplicationScoped
public class StreamMetrics {

    private final MeterRegistry registry;
    private final Counter bytes;
    private final AtomicInteger activeStreams = new AtomicInteger();
    private final AtomicInteger openS3Bodies = new AtomicInteger();
    private final Timer firstByte;
    private final Map<String, Counter> responses = new ConcurrentHashMap<>();

    public StreamMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.bytes = Counter.builder("marquee.stream.bytes").baseUnit("bytes")
                .description("Media bytes written to clients").register(registry);
        registry.gauge("marquee.stream.active", activeStreams);
        registry.gauge("marquee.s3.bodies.open", openS3Bodies);
        this.firstByte = Timer.builder("marquee.s3.first.byte").description("S3 time to response headers")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /** Media bytes handed to client connections so far. */
    public double bytesServed() {
        return bytes.count();
    }

    void bytes(long count) {
        bytes.increment(count);
    }

    AtomicInteger activeStreams() {
        return activeStreams;
    }

    /** S3 bodies being read right now; back to its baseline when aborted downloads released their connections. */
    public int openS3Bodies() {
        return openS3Bodies.get();
    }

    void s3BodyOpened() {
        openS3Bodies.incrementAndGet();
    }

    void s3BodyClosed() {
        openS3Bodies.decrementAndGet();
    }

    void firstByte(Duration duration) {
        firstByte.record(duration);
    }

    void response(String endpoint, int status) {
        responses.computeIfAbsent(endpoint + ' ' + status, key -> registry.counter("marquee.stream.responses",
                "endpoint", endpoint, "status", Integer.toString(status))).increment();
    }

    void s3Error(String reason) {
        registry.counter("marquee.s3.errors", "reason", reason).increment();
    }
}
