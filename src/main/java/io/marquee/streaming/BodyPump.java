package io.marquee.streaming;

import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * Moves one S3 body to the client with backpressure: one S3 chunk is requested only when the previous one was
 * handed to the connection and its write queue has room, so memory per stream stays bounded whatever the object
 * size and however slow the reader. All response writes happen on the request's Vert.x context.
 */
final class BodyPump implements Subscriber<ByteBuffer> {

    /** The S3 body ended before delivering every byte that was promised. */
    static final class TruncatedBody extends RuntimeException {
        TruncatedBody(long expected, long received) {
            super("S3 body ended after " + received + " of " + expected + " bytes", null, false, false);
        }
    }

    private final HttpServerResponse response;
    private final Context context;
    private final long expected;
    private final LongConsumer bytesSent;
    private final Promise<Void> done = Promise.promise();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile Subscription subscription;
    private long sent;

    BodyPump(HttpServerResponse response, Context context, long expected, LongConsumer bytesSent) {
        this.response = response;
        this.context = context;
        this.expected = expected;
        this.bytesSent = bytesSent;
    }

    /** Completes when every expected byte was written; fails on an S3 error, a short body or cancellation. */
    Future<Void> done() {
        return done.future();
    }

    /** Stops reading from S3 (the client went away); the SDK aborts the request and frees its connection. */
    void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
            context.runOnContext(v -> done.tryFail("cancelled"));
        }
    }

    @Override
    public void onSubscribe(Subscription s) {
        subscription = s;
        if (cancelled.get()) {
            s.cancel();
            return;
        }
        context.runOnContext(v -> requestNext());
    }

    @Override
    public void onNext(ByteBuffer chunk) {
        context.runOnContext(v -> {
            if (cancelled.get()) {
                return;
            }
            int size = chunk.remaining();
            sent += size;
            if (sent > expected) {
                cancel();
                done.tryFail(new TruncatedBody(expected, sent));
                return;
            }
            response.write(Buffer.buffer(Unpooled.wrappedBuffer(chunk)));
            bytesSent.accept(size);
            requestNext();
        });
    }

    @Override
    public void onError(Throwable failure) {
        context.runOnContext(v -> done.tryFail(failure));
    }

    @Override
    public void onComplete() {
        context.runOnContext(v -> {
            if (sent == expected) {
                done.tryComplete();
            } else {
                done.tryFail(new TruncatedBody(expected, sent));
            }
        });
    }

    private void requestNext() {
        if (cancelled.get()) {
            return;
        }
        if (response.writeQueueFull()) {
            response.drainHandler(v -> {
                response.drainHandler(null);
                requestNext();
            });
        } else {
            subscription.request(1);
        }
    }
}
