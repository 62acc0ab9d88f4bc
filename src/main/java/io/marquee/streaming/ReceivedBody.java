package io.marquee.streaming;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.vertx.core.Handler;
import io.vertx.core.impl.ContextInternal;

import java.util.ArrayDeque;

/**
 * One ranged body as S3's connection delivers it: the pooled buffers its {@link BodyTap} takes off the connection,
 * held (with reading paused) until a receiver takes over, then handed to it as they arrive. Reading the connection is
 * paused and resumed here, on the receiver's word, so the S3 socket is read no faster than the viewer takes bytes.
 *
 * <p>Each buffer is released exactly once: by the receiver it was handed to, or here. Used on the connection's event
 * loop only; the receiver is called on the context of the request the body is for (as Vert.x calls its handlers), so
 * what it does next (the next GET, logging with the request's id) happens there.
 */
final class ReceivedBody {

    /** Takes the body's buffers in order, and owns (must release) each one it is given. */
    interface Receiver {
        void chunk(ByteBuf data);

        /** S3 sent the whole response (the receiver checks the length). */
        void ended();

        /** The connection closed, or the body was malformed, before its end. */
        void cut();
    }

    private final Channel channel;
    private final Runnable reset;
    private final ContextInternal context;
    private ArrayDeque<ByteBuf> held;
    private Receiver receiver;
    private Handler<ByteBuf> chunks;
    private boolean readingPaused;
    private boolean ended;
    private boolean cut;
    private boolean discarded;

    /**
     * @param reset   resets the request: closes the connection, so S3 stops sending
     * @param context the request's context, on the connection's event loop (null: the receiver is called directly)
     */
    ReceivedBody(Channel channel, Runnable reset, ContextInternal context) {
        this.channel = channel;
        this.reset = reset;
        this.context = context;
    }

    /** The event loop of the connection (and of the request the body is for). */
    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    /** From the tap: {@code data} now belongs to this body. */
    void received(ByteBuf data, boolean last) {
        if (last) {
            // From here on the connection is Vert.x's again (pooled for the next GET): leave it reading.
            if (readingPaused && !discarded) {
                channel.config().setAutoRead(true);
            }
            readingPaused = false;
            ended = true;
        }
        if (discarded || !data.isReadable()) {
            data.release();
        } else if (receiver != null) {
            hand(data);
        } else {
            if (held == null) {
                held = new ArrayDeque<>(4);
            }
            held.add(data);
            pauseReading();
        }
        if (last && receiver != null && !discarded) {
            onContext(receiver::ended);
        }
    }

    /** From the tap: the connection went away (or the body was malformed) while this body was being read. */
    void connectionClosed() {
        if (ended || cut) {
            return;
        }
        cut = true;
        readingPaused = false;
        releaseHeld();
        if (receiver != null && !discarded) {
            onContext(receiver::cut);
        }
    }

    /** Hands over what arrived so far, then whatever arrives; reading stays paused until {@link #resumeReading()}. */
    void deliverTo(Receiver target) {
        receiver = target;
        chunks = target::chunk;
        ArrayDeque<ByteBuf> queue = held;
        held = null;
        if (queue != null) {
            // The target may discard the body while taking a buffer: the rest is then released here.
            for (ByteBuf data = queue.poll(); data != null; data = queue.poll()) {
                if (discarded) {
                    data.release();
                } else {
                    hand(data);
                }
            }
        }
        if (discarded) {
            return;
        }
        if (ended) {
            onContext(target::ended);
        } else if (cut) {
            onContext(target::cut);
        }
    }

    /** Stops reading S3's socket (its receive buffer, then TCP, hold S3 back). */
    void pauseReading() {
        if (!readingPaused && owned()) {
            readingPaused = true;
            channel.config().setAutoRead(false);
        }
    }

    void resumeReading() {
        if (readingPaused && owned()) {
            readingPaused = false;
            channel.config().setAutoRead(true);
        }
    }

    /**
     * Gives the body up: what is held is released, and unless S3 already sent all of it, the request is reset (the
     * connection is closed, so S3 stops sending and nothing half-read returns to the pool). A body that ended is not
     * reset: its connection may already carry another GET.
     */
    void discard() {
        if (discarded) {
            return;
        }
        boolean reset = owned();
        discarded = true;
        releaseHeld();
        if (reset) {
            this.reset.run();
        }
    }

    private void hand(ByteBuf data) {
        if (context == null) {
            chunks.handle(data);
        } else {
            context.dispatch(data, chunks);
        }
    }

    private void onContext(Runnable action) {
        if (context == null) {
            action.run();
        } else {
            context.dispatch(action);
        }
    }

    /** Whether this body still owns the connection (neither ended, cut nor discarded). */
    private boolean owned() {
        return !ended && !cut && !discarded;
    }

    private void releaseHeld() {
        if (held != null) {
            for (ByteBuf data : held) {
                data.release();
            }
            held = null;
        }
    }
}
