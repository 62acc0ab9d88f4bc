package io.marquee.streaming;

import io.marquee.packaging.mp4.SpanFilter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

/**
 * Moves one S3 body to the viewer with TCP backpressure: when the viewer's connection cannot take more, reading from
 * S3 pauses (Netty stops reading that socket) until it drains, so memory per stream stays bounded whatever the object
 * size and however slow the reader. Buffers pass from one connection to the other on the same event loop.
 *
 * <p>A body that S3 stops sending for {@code readTimeout} while the viewer is waiting is a failure; time spent paused
 * for a slow viewer does not count.
 */
final class BodyPump {

    /** Bytes are reported to metrics in slices of this size (and at the end), not per buffer. */
    private static final long REPORT_EVERY = 1024 * 1024;

    /** The S3 body ended before delivering every byte that was promised, or delivered more. */
    static final class TruncatedBody extends RuntimeException {
        TruncatedBody(long expected, long received) {
            super("S3 body ended after " + received + " of " + expected + " bytes", null, false, false);
        }
    }

    /** S3 sent nothing for the read timeout while the viewer was waiting. */
    static final class StalledBody extends TimeoutException {
        StalledBody(Duration timeout) {
            super("S3 sent nothing for " + timeout.toMillis() + " ms mid-body");
        }
    }

    private final S3RangeReader.Body body;
    private final HttpServerResponse response;
    private final Vertx vertx;
    private final long expected;
    private final Duration readTimeout;
    private final LongConsumer bytesSent;
    private final SpanFilter filter;
    private final Promise<Void> done = Promise.promise();
    /** The S3 buffer being forwarded slice by slice (only while {@link #chunk} runs with a filter). */
    private Buffer current;
    private final SpanFilter.Slices forwardSlice = this::forwardSlice;
    private long received;
    private long unreported;
    private boolean paused;
    private long lastProgress;
    private long watchdog = -1;

    /**
     * @param expected how many bytes S3 must send (the ranged GET's length)
     * @param filter   null to forward every byte, else forwards only the filter's spans of the body
     */
    BodyPump(S3RangeReader.Body body, HttpServerResponse response, Vertx vertx, long expected, Duration readTimeout,
             LongConsumer bytesSent, SpanFilter filter) {
        this.body = body;
        this.filter = filter;
        this.response = response;
        this.vertx = vertx;
        this.expected = expected;
        this.readTimeout = readTimeout;
        this.bytesSent = bytesSent;
    }

    /** Starts moving bytes; completes when every expected byte was written, fails on an S3 error or a short body. */
    Future<Void> start() {
        HttpClientResponse s3 = body.response();
        s3.handler(this::chunk);
        s3.exceptionHandler(this::fail);
        s3.endHandler(v -> {
            if (received == expected) {
                finish();
                done.tryComplete();
            } else {
                fail(new TruncatedBody(expected, received));
            }
        });
        lastProgress = System.nanoTime();
        long period = Math.max(100, Math.min(1000, readTimeout.toMillis() / 4));
        watchdog = vertx.setPeriodic(period, id -> {
            if (!paused && System.nanoTime() - lastProgress > readTimeout.toNanos()) {
                fail(new StalledBody(readTimeout));
            }
        });
        s3.resume();
        return done.future();
    }

    /** Stops reading from S3 (the viewer went away): the S3 connection is closed, so S3 stops sending. */
    void cancel() {
        if (!done.future().isComplete()) {
            finish();
            body.discard();
            done.tryFail("cancelled");
        }
    }

    private void chunk(Buffer buffer) {
        if (done.future().isComplete()) {
            return;
        }
        int size = buffer.length();
        received += size;
        if (received > expected) {
            fail(new TruncatedBody(expected, received));
            return;
        }
        lastProgress = System.nanoTime();
        if (filter == null) {
            forward(buffer);
        } else {
            current = buffer;
            filter.accept(size, forwardSlice);
            current = null;
        }
        if (response.writeQueueFull()) {
            paused = true;
            body.response().pause();
            response.drainHandler(v -> {
                response.drainHandler(null);
                paused = false;
                lastProgress = System.nanoTime();
                body.response().resume();
            });
        }
    }

    private void forwardSlice(int from, int to) {
        forward(from == 0 && to == current.length() ? current : current.slice(from, to));
    }

    private void forward(Buffer buffer) {
        response.write(buffer);
        unreported += buffer.length();
        if (unreported >= REPORT_EVERY) {
            bytesSent.accept(unreported);
            unreported = 0;
        }
    }

    private void fail(Throwable failure) {
        if (!done.future().isComplete()) {
            finish();
            body.discard();
            done.tryFail(failure);
        }
    }

    private void finish() {
        if (watchdog >= 0) {
            vertx.cancelTimer(watchdog);
            watchdog = -1;
        }
        if (unreported > 0) {
            bytesSent.accept(unreported);
            unreported = 0;
        }
    }
}
