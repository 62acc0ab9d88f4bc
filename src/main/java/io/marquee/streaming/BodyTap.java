package io.marquee.streaming;

import io.netty.buffer.Unpooled;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Sits in the pipeline of an S3 connection, between Netty's HTTP decoder and Vert.x's handler, and takes the body of
 * the response being read ({@link ReceivedBody}) before Vert.x 4's client copies every pooled buffer to the heap
 * ({@code VertxHandler.safeBuffer}). Vert.x still sees the response head and an empty end, so it keeps its
 * connection state (keep-alive, pooling, errors); only the bytes take the other road.
 *
 * <p>One tap per connection, added the first time the connection carries a ranged GET and kept while it is pooled;
 * it is armed for one exchange at a time (HTTP/1.1 without pipelining) and disarms itself at the body's end.
 */
final class BodyTap extends ChannelInboundHandlerAdapter {

    static final String NAME = "marquee-body-tap";
    /** Vert.x's own handler of an HTTP/1.x client connection (io.vertx.core.http.impl.HttpChannelConnector). */
    private static final String VERTX_HANDLER = "handler";

    /**
     * The largest buffer one read of an S3 socket fills. A buffer stays allocated until the viewer's socket took all of
     * it, so a stream whose viewer reads slowly holds about two of them: 32 KiB (not Netty's 64) keeps memory per stream
     * under 128 KiB, for a few more reads per MiB. (Set before the connection's first read; over TLS the buffers passed
     * on are the TLS handler's output, which this does not size.)
     */
    static final int MAX_READ = 32 * 1024;

    private ReceivedBody body;

    /**
     * Arms the tap of {@code request}'s connection for its response (adding the tap when the connection has none).
     * Must run on the connection's event loop: the body is handed to a pump writing on that same loop.
     *
     * @throws IllegalStateException when the connection is not an HTTP/1.x connection of this event loop
     */
    static ReceivedBody arm(HttpClientRequest request, ContextInternal context) {
        HttpConnection connection = request.connection();
        if (!(connection instanceof ConnectionBase base)) {
            throw new IllegalStateException("Not a Vert.x HTTP/1.x connection: " + connection);
        }
        return arm(base.channel(), request::reset, context);
    }

    /**
     * Arms the tap of {@code channel} (an HTTP/1.x client pipeline) for the response of the request in flight, whose
     * receiver is then called on {@code context} (directly when null).
     */
    static ReceivedBody arm(Channel channel, Runnable reset, ContextInternal context) {
        if (!channel.eventLoop().inEventLoop()) {
            throw new IllegalStateException("S3 connection on another event loop than the request");
        }
        ChannelPipeline pipeline = channel.pipeline();
        BodyTap tap = (BodyTap) pipeline.get(NAME);
        if (tap == null) {
            if (pipeline.get(VERTX_HANDLER) == null) {
                throw new IllegalStateException("No Vert.x handler in the S3 connection's pipeline: " + pipeline.names());
            }
            tap = new BodyTap();
            pipeline.addBefore(VERTX_HANDLER, NAME, tap);
            channel.config().setRecvByteBufAllocator(new AdaptiveRecvByteBufAllocator(64, 2048, MAX_READ));
        }
        if (tap.body != null) {
            throw new IllegalStateException("S3 connection already carries a body");
        }
        ReceivedBody body = new ReceivedBody(channel, reset, context);
        tap.body = body;
        return body;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReceivedBody target = body;
        if (target == null || !(msg instanceof HttpContent content)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (content.decoderResult().isFailure()) {
            // A malformed body: Vert.x gets the failure and closes the connection; the body is cut.
            body = null;
            target.connectionClosed();
            ctx.fireChannelRead(msg);
            return;
        }
        // The content buffer now belongs to the body, which releases it exactly once.
        if (msg instanceof LastHttpContent last) {
            body = null;
            LastHttpContent end = last.trailingHeaders().isEmpty() ? LastHttpContent.EMPTY_LAST_CONTENT
                    : last.replace(Unpooled.EMPTY_BUFFER);
            target.received(last.content(), true);
            ctx.fireChannelRead(end);
        } else {
            target.received(content.content(), false);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connectionClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        connectionClosed();
    }

    /** The body being read, if any, ends with its connection. */
    private void connectionClosed() {
        ReceivedBody target = body;
        body = null;
        if (target != null) {
            target.connectionClosed();
        }
    }
}
