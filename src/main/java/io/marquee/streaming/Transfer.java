package io.marquee.streaming;

import io.marquee.common.problem.DependencyFailures;
import io.marquee.packaging.mp4.SpanFilter;
import io.marquee.streaming.S3RangeReader.ObjectChanged;
import io.marquee.streaming.body.BodyPart;
import io.marquee.streaming.body.BodyPart.Bytes;
import io.marquee.streaming.body.BodyPart.ObjectBytes;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes one response body after its head has been decided: bytes made here are written as they are, each stored
 * object's part is one ranged GET whose body is piped to the viewer by a {@link BodyPump}, one part after the other.
 * A failure before the head has left becomes a problem answer; after it, only a connection reset keeps a short body
 * from looking complete.
 */
final class Transfer {

    private static final Logger LOG = Logger.getLogger(Transfer.class);

    private final RoutingContext ctx;
    private final String endpoint;
    private final List<BodyPart> parts;
    private final S3RangeReader reader;
    private final StreamMetrics metrics;
    private final StallWatch stallWatch;
    private final Runnable onFinished;
    private final Consumer<Throwable> beforeHeaders;
    private final Context context;
    /** Bytes made here, held until the next object's range has opened, so a failed open can still be a problem. */
    private Buffer pending;
    private ObjectBytes reading;
    private BodyPump pump;
    private boolean finished;
    private boolean released;

    /**
     * @param onFinished    runs once, when the body is over whichever way (its last write reached the socket, or it
     *                      failed, or the viewer left)
     * @param beforeHeaders answers a failure that happened before the response head was written
     */
    Transfer(RoutingContext ctx, String endpoint, List<BodyPart> parts, S3RangeReader reader, StreamMetrics metrics,
             StallWatch stallWatch, Runnable onFinished, Consumer<Throwable> beforeHeaders) {
        this.ctx = ctx;
        this.endpoint = endpoint;
        this.parts = parts;
        this.reader = reader;
        this.metrics = metrics;
        this.stallWatch = stallWatch;
        this.onFinished = onFinished;
        this.beforeHeaders = beforeHeaders;
        this.context = ctx.vertx().getOrCreateContext();
        ctx.response().closeHandler(v -> abort());
        ctx.response().exceptionHandler(e -> abort());
    }

    void start() {
        next(0);
    }

    private void next(int index) {
        if (finished) {
            return;
        }
        if (index == parts.size()) {
            finished = true;
            metrics.response(endpoint, ctx.response().getStatusCode());
            // Active until the last byte has left for the socket: a shutdown waits for that (StreamAdmission.drain).
            Future<Void> ended = pending == null ? ctx.response().end() : ctx.response().end(pending);
            pending = null;
            ended.onComplete(written -> release());
            return;
        }
        BodyPart part = parts.get(index);
        if (part instanceof Bytes bytes) {
            pending = pending == null ? Buffer.buffer(bytes.bytes()) : pending.appendBytes(bytes.bytes());
            next(index + 1);
            return;
        }
        ObjectBytes object = (ObjectBytes) part;
        reading = object;
        long started = System.nanoTime();
        reader.open(object.object(), object.read()).subscribe().with(
                body -> onContext(() -> {
                    metrics.firstByte(Duration.ofNanos(System.nanoTime() - started));
                    if (finished) {
                        body.discard();
                        return;
                    }
                    if (pending != null) {
                        ctx.response().write(pending);
                        pending = null;
                    }
                    SpanFilter filter = object.kept().isEmpty() ? null
                            : new SpanFilter(object.kept(), object.read().first());
                    pump = new BodyPump(body, BodyPump.Viewer.of(ctx.response()), object.read().length(),
                            metrics::bytes, filter, stallWatch);
                    metrics.s3BodyOpened();
                    Future<Void> done = pump.start();
                    done.onComplete(result -> metrics.s3BodyClosed());
                    done.onSuccess(ok -> next(index + 1)).onFailure(this::failed);
                }),
                failure -> onContext(() -> failed(failure)));
    }

    /** Runs on this request's context: directly when already there (the usual case), else by a hop. */
    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    private void failed(Throwable failure) {
        if (finished) {
            return;
        }
        finish();
        if (!ctx.response().headWritten()) {
            ctx.response().headers().remove("Content-Range").remove(HttpHeaders.CONTENT_LENGTH);
            beforeHeaders.accept(failure);
            return;
        }
        // The status line and Content-Length are out: only a reset keeps a short body from looking complete.
        metrics.s3Error("mid-body");
        LOG.warnf("Body of %s (asset %s) cut mid-way: %s", endpoint, reading == null ? "-" : reading.object().assetId(),
                failure instanceof ObjectChanged ? "the object changed" : DependencyFailures.describe(failure));
        ctx.response().reset();
    }

    private void abort() {
        if (!finished) {
            finish();
            if (pump != null) {
                pump.cancel();
            }
        } else {
            release();
        }
    }

    private void finish() {
        if (!finished) {
            finished = true;
            release();
        }
    }

    /** The body no longer counts as active (once, whichever way it ended). */
    private void release() {
        if (!released) {
            released = true;
            onFinished.run();
        }
    }
}
