package io.marquee.streaming;

import io.marquee.packaging.mp4.SpanFilter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

/**
 * Moves one S3 body to the viewer with TCP backpressure and without copying: the pooled buffers Netty read from the S3
 * socket are written to the viewer's socket as they are (or sliced, when a {@link SpanFilter} keeps only some spans),
 * each released once its write completed or failed. When the viewer's connection cannot take more, reading from S3
 * pauses until it drains, so memory per stream stays bounded whatever the object size and however slow the reader.
 *
 * <p>A body that S3 stops sending for the read timeout while the viewer is waiting is a failure ({@link StallWatch});
 * time spent paused for a slow viewer does not count.
 */
final class BodyPump implements ReceivedBody.Receiver, StallWatch.Watched {

    /** Unsent bytes above which a viewer's connection is full (resumed below half of it). */
    static final int VIEWER_QUEUE = 32 * 1024;

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

    /** The viewer's connection as a pump writes to it. */
    interface Viewer {
        /** Writes {@code data}, and releases it once written or failed: the buffer's ownership passes with the call. */
        void write(ByteBuf data);

        /** The connection holds as much unsent data as it should: stop feeding it. */
        boolean full();

        /** Runs {@code action} once, when a full connection can take more. */
        void whenDrained(Runnable action);

        /**
         * A Vert.x response; its connection counts as full above {@link #VIEWER_QUEUE} bytes not yet taken by the
         * socket (Netty's default is 64 KiB): past the kernel's socket buffer, what a slow viewer has not read yet is
         * memory held per stream, and the socket buffer is what keeps a fast viewer busy.
         */
        static Viewer of(HttpServerResponse response) {
            response.setWriteQueueMaxSize(VIEWER_QUEUE);
            return new ResponseViewer(response);
        }
    }

    private final S3RangeReader.Body body;
    private final Viewer viewer;
    private final long expected;
    private final LongConsumer bytesSent;
    private final SpanFilter filter;
    private final StallWatch watch;
    private final Context context;
    private final Promise<Void> done = Promise.promise();
    /** The S3 buffer being forwarded slice by slice (only while {@link #chunk} runs with a filter). */
    private ByteBuf current;
    /** The kept slices of {@link #current}, gathered so that one buffer from S3 is one write to the viewer. */
    private CompositeByteBuf gathered;
    private final SpanFilter.Slices forwardSlice = this::forwardSlice;
    private StallWatch.Registration watched;
    private long received;
    private long unreported;
    private boolean paused;
    private long lastProgress;
    /** Set before anything else happens at the end, so that what the end itself triggers finds the pump over. */
    private boolean over;

    /**
     * @param expected how many bytes S3 must send (the ranged GET's length)
     * @param filter   null to forward every byte, else forwards only the filter's spans of the body
     */
    BodyPump(S3RangeReader.Body body, Viewer viewer, long expected, LongConsumer bytesSent, SpanFilter filter,
             StallWatch watch) {
        this.body = body;
        this.viewer = viewer;
        this.expected = expected;
        this.bytesSent = bytesSent;
        this.filter = filter;
        this.watch = watch;
        this.context = Vertx.currentContext();
    }

    /** Starts moving bytes; completes when every expected byte was written, fails on an S3 error or a short body. */
    Future<Void> start() {
        lastProgress = System.nanoTime();
        try {
            watched = watch.watch(this, body.bytes().eventLoop());
        } catch (IllegalStateException e) {
            fail(e);
            return done.future();
        }
        if (body.response() != null) {
            body.response().exceptionHandler(this::fail);
        }
        body.bytes().deliverTo(this);
        if (!paused && !over) {
            body.bytes().resumeReading();
        }
        return done.future();
    }

    /** Stops reading from S3 (the viewer went away): the S3 connection is closed, so S3 stops sending. */
    void cancel() {
        if (!over) {
            over = true;
            finish();
            body.discard();
            done.tryFail("cancelled");
        }
    }

    @Override
    public void chunk(ByteBuf data) {
        if (over) {
            data.release();
            return;
        }
        int size = data.readableBytes();
        received += size;
        if (received > expected) {
            data.release();
            fail(new TruncatedBody(expected, received));
            return;
        }
        lastProgress = System.nanoTime();
        if (filter == null) {
            forward(data);
        } else {
            current = data;
            try {
                filter.accept(size, forwardSlice);
            } finally {
                current = null;
                data.release();
            }
            if (gathered != null) {
                CompositeByteBuf slices = gathered;
                gathered = null;
                forward(slices);
            }
        }
        if (!paused && !over && viewer.full()) {
            paused = true;
            body.bytes().pauseReading();
            viewer.whenDrained(this::drained);
        }
    }

    @Override
    public void ended() {
        if (received == expected) {
            if (!over) {
                over = true;
                finish();
                done.tryComplete();
            }
        } else {
            fail(new TruncatedBody(expected, received));
        }
    }

    @Override
    public void cut() {
        fail(S3RangeReader.StorageUnavailable.cutAfter(received, expected));
    }

    @Override
    public long waitingSince() {
        return paused ? -1 : lastProgress;
    }

    @Override
    public void stalled(Duration timeout) {
        StalledBody stall = new StalledBody(timeout);
        if (context == null || Vertx.currentContext() == context) {
            fail(stall);
        } else {
            context.runOnContext(v -> fail(stall));
        }
    }

    private void drained() {
        if (!over) {
            paused = false;
            lastProgress = System.nanoTime();
            body.bytes().resumeReading();
        }
    }

    /**
     * A slice of {@link #current}, as its own reference: the whole buffer is forwarded as it is; parts of it are
     * gathered (without copying) and written together once the filter is through the buffer. A segment keeps one
     * span per run of samples, so writing each on its own cost a system call per sample or so.
     */
    private void forwardSlice(int from, int to) {
        if (from == 0 && to == current.readableBytes()) {
            forward(current.retain());
            return;
        }
        if (gathered == null) {
            gathered = current.alloc().compositeBuffer(Integer.MAX_VALUE);
        }
        gathered.addComponent(true, current.retainedSlice(current.readerIndex() + from, to - from));
    }

    private void forward(ByteBuf data) {
        int length = data.readableBytes();
        if (over) {
            data.release();
            return;
        }
        try {
            viewer.write(data);
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        unreported += length;
        if (unreported >= REPORT_EVERY) {
            bytesSent.accept(unreported);
            unreported = 0;
        }
    }

    /** Gives the S3 body up (its reset may report back here: ignored, the first failure is the one). */
    private void fail(Throwable failure) {
        if (!over) {
            over = true;
            finish();
            body.discard();
            done.tryFail(failure);
        }
    }

    private void finish() {
        if (watched != null) {
            watched.cancel();
            watched = null;
        }
        if (unreported > 0) {
            bytesSent.accept(unreported);
            unreported = 0;
        }
    }

    /** A Vert.x response: the buffer is wrapped, not copied, and released by the write's completion. */
    private record ResponseViewer(HttpServerResponse response) implements Viewer {
        @Override
        public void write(ByteBuf data) {
            Future<Void> written;
            try {
                written = response.write(Buffer.buffer(data));
            } catch (RuntimeException e) {
                data.release();
                throw e;
            }
            written.onComplete(result -> data.release());
        }

        @Override
        public boolean full() {
            return response.writeQueueFull();
        }

        @Override
        public void whenDrained(Runnable action) {
            response.drainHandler(v -> {
                response.drainHandler(null);
                action.run();
            });
        }
    }
}
