package io.marquee.streaming;

import io.marquee.packaging.mp4.SourceSpan;
import io.marquee.packaging.mp4.SpanFilter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tap and the pump on a real Netty HTTP client pipeline (an embedded channel standing for an S3 connection, pooled
 * direct buffers as a socket read gives them): which bytes go where, when the connection reads, and that every buffer
 * is released exactly once on every path.
 */
class BodyTapTest {

    private static final byte[] BODY = new byte[200_000];

    static {
        new Random(7).nextBytes(BODY);
    }

    private final List<ByteBuf> fed = new ArrayList<>();
    private final List<Object> vertxSaw = new ArrayList<>();
    private EmbeddedChannel s3;
    private int resets;

    @BeforeEach
    void connection() {
        s3 = new EmbeddedChannel();
        s3.pipeline().addLast("codec", new HttpClientCodec(4096, 8192, 16 * 1024));
        s3.pipeline().addLast("handler", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                // Stands for Vert.x's handler: notes what it was given, then lets it go as Vert.x would.
                vertxSaw.add(msg instanceof HttpContent content ? content.content().readableBytes()
                        + (msg instanceof LastHttpContent ? " last" : "") : msg.getClass().getSimpleName());
                ReferenceCountUtil.release(msg);
            }
        });
        s3.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/bucket/key"));
        ReferenceCountUtil.release(s3.readOutbound());
    }

    @AfterEach
    void everyBufferReleased() {
        s3.finishAndReleaseAll();
        for (ByteBuf buffer : fed) {
            assertThat(buffer.refCnt()).as("a buffer S3's connection read").isZero();
        }
    }

    @Test
    void bytesArrivingBeforeThePumpAreHeldWithReadingPausedThenHandedOverInOrder() {
        ReceivedBody body = BodyTap.arm(s3, () -> resets++, null);
        feed(head(BODY.length) + "", 0, 5000);
        assertThat(s3.config().isAutoRead()).as("held bytes pause reading").isFalse();
        Received receiver = new Received();
        body.deliverTo(receiver);
        body.resumeReading();
        assertThat(s3.config().isAutoRead()).isTrue();
        feed("", 5000, BODY.length);

        assertThat(receiver.bytes()).isEqualTo(BODY);
        assertThat(receiver.ended).isTrue();
        assertThat(vertxSaw).as("Vert.x sees the head and an empty end, never the bytes")
                .containsExactly("DefaultHttpResponse", "0 last");
        receiver.releaseAll();
        assertThat(resets).isZero();
    }

    @Test
    void aDiscardedBodyReleasesWhatItHeldAndWhatStillArrives() {
        ReceivedBody body = BodyTap.arm(s3, () -> resets++, null);
        feed(head(BODY.length), 0, 70_000);
        body.discard();
        assertThat(resets).as("a body not fully received closes its connection").isOne();
        feed("", 70_000, BODY.length);
        body.discard();
        assertThat(resets).isOne();
    }

    @Test
    void aBodyThatEndedIsNotResetWhenDiscarded() {
        ReceivedBody body = BodyTap.arm(s3, () -> resets++, null);
        feed(head(BODY.length), 0, BODY.length);
        assertThat(s3.config().isAutoRead()).as("the connection goes back to the pool reading").isTrue();
        body.discard();
        assertThat(resets).as("its connection may already carry the next GET").isZero();
        BodyTap.arm(s3, () -> resets++, null).discard();
        assertThat(resets).as("the next exchange arms the same tap").isOne();
    }

    @Test
    void aConnectionClosedMidBodyCutsIt() {
        ReceivedBody body = BodyTap.arm(s3, () -> resets++, null);
        Received receiver = new Received();
        body.deliverTo(receiver);
        feed(head(BODY.length), 0, 10_000);
        s3.close();
        assertThat(receiver.cut).isTrue();
        assertThat(receiver.ended).isFalse();
        receiver.releaseAll();
    }

    @Test
    void thePumpWritesTheBufferItselfAndPausesReadingWhileTheViewerIsFull() {
        ReceivedBody body = BodyTap.arm(s3, () -> resets++, null);
        Viewer viewer = new Viewer();
        viewer.full = true;
        BodyPump pump = new BodyPump(new S3RangeReader.Body(null, body), viewer, BODY.length, n -> { }, null,
                new StallWatch(Duration.ofSeconds(10)));
        Future<Void> done = pump.start();
        feed(head(BODY.length), 0, 30_000);
        assertThat(s3.config().isAutoRead()).as("viewer full: S3 is not read").isFalse();
        viewer.full = false;
        viewer.drain();
        assertThat(s3.config().isAutoRead()).isTrue();
        feed("", 30_000, BODY.length);

        assertThat(done.succeeded()).isTrue();
        assertThat(viewer.bytes()).isEqualTo(BODY);
        assertThat(viewer.pending).as("the read buffers themselves, not copies").allMatch(ByteBuf::isDirect);
        viewer.completeWrites();
    }

    @Test
    void aFilterForwardsOnlyItsSpansAsSlicesOfTheReadBuffers() {
        ReceivedBody body = BodyTap.arm(s3, () -> resets++, null);
        List<SourceSpan> kept = List.of(new SourceSpan(1000, 3000), new SourceSpan(9000, 60_000),
                new SourceSpan(150_000, 49_000));
        Viewer viewer = new Viewer();
        BodyPump pump = new BodyPump(new S3RangeReader.Body(null, body), viewer, BODY.length, n -> { },
                new SpanFilter(kept, 0), new StallWatch(Duration.ofSeconds(10)));
        Future<Void> done = pump.start();
        feed(head(BODY.length), 0, BODY.length);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (SourceSpan span : kept) {
            expected.write(BODY, (int) span.offset(), (int) span.length());
        }
        assertThat(done.succeeded()).isTrue();
        assertThat(viewer.bytes()).isEqualTo(expected.toByteArray());
        viewer.completeWrites();
    }

    @Test
    void theKeptSlicesOfOneReadBufferAreOneWrite() {
        ReceivedBody body = BodyTap.arm(s3, () -> resets++, null);
        // Samples of one track between the other's, as in an interleaved MP4: 40 spans in the first 16 KiB buffer.
        List<SourceSpan> kept = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            kept.add(new SourceSpan(i * 400L, 150));
        }
        Viewer viewer = new Viewer();
        BodyPump pump = new BodyPump(new S3RangeReader.Body(null, body), viewer, 16 * 1024, n -> { },
                new SpanFilter(kept, 0), new StallWatch(Duration.ofSeconds(10)));
        Future<Void> done = pump.start();
        feed(head(16 * 1024), 0, 16 * 1024);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (SourceSpan span : kept) {
            expected.write(BODY, (int) span.offset(), (int) span.length());
        }
        assertThat(done.succeeded()).isTrue();
        assertThat(viewer.pending).hasSize(1);
        assertThat(viewer.bytes()).isEqualTo(expected.toByteArray());
        viewer.completeWrites();
    }

    @Test
    void aViewerLeavingWithWritesPendingReleasesEverything() {
        ReceivedBody body = BodyTap.arm(s3, () -> resets++, null);
        Viewer viewer = new Viewer();
        BodyPump pump = new BodyPump(new S3RangeReader.Body(null, body), viewer, BODY.length, n -> { }, null,
                new StallWatch(Duration.ofSeconds(10)));
        Future<Void> done = pump.start();
        feed(head(BODY.length), 0, 50_000);
        pump.cancel();
        feed("", 50_000, 80_000);

        assertThat(done.failed()).isTrue();
        assertThat(resets).isOne();
        viewer.failWrites();
    }

    @Test
    void moreBytesThanPromisedFailTheBody() {
        ReceivedBody body = BodyTap.arm(s3, () -> resets++, null);
        Viewer viewer = new Viewer();
        BodyPump pump = new BodyPump(new S3RangeReader.Body(null, body), viewer, 1000, n -> { }, null,
                new StallWatch(Duration.ofSeconds(10)));
        Future<Void> done = pump.start();
        feed(head(BODY.length), 0, BODY.length);

        assertThat(done.failed()).isTrue();
        assertThat(done.cause()).isInstanceOf(BodyPump.TruncatedBody.class);
        viewer.completeWrites();
    }

    @Test
    void aStalledBodyIsFailedByItsLoopsWatchUnlessItWaitsForItsViewer() {
        StallWatch watch = new StallWatch(Duration.ofSeconds(3));
        ReceivedBody body = BodyTap.arm(s3, () -> resets++, null);
        Viewer viewer = new Viewer();
        BodyPump pump = new BodyPump(new S3RangeReader.Body(null, body), viewer, BODY.length, n -> { }, null, watch);
        Future<Void> done = pump.start();
        feed(head(BODY.length), 0, 20_000);
        StallWatch.Loop loop = watch.loop(s3.eventLoop());
        assertThat(loop.size()).isOne();

        viewer.full = true;
        feed("", 20_000, 40_000);
        loop.check(System.nanoTime() + Duration.ofMinutes(1).toNanos());
        assertThat(done.isComplete()).as("paused for its viewer: not waiting for S3").isFalse();

        viewer.full = false;
        viewer.drain();
        loop.check(System.nanoTime() + Duration.ofSeconds(1).toNanos());
        assertThat(done.isComplete()).isFalse();
        loop.check(System.nanoTime() + Duration.ofSeconds(4).toNanos());
        assertThat(done.failed()).isTrue();
        assertThat(done.cause()).isInstanceOf(BodyPump.StalledBody.class);
        assertThat(loop.size()).isZero();
        assertThat(resets).isOne();
        viewer.failWrites();
    }

    /** Feeds the head (when given) and BODY[from, to) as the socket would: pooled direct buffers of up to 16 KiB. */
    private void feed(String head, int from, int to) {
        if (!head.isEmpty()) {
            write(head.getBytes(StandardCharsets.US_ASCII), 0, head.length());
        }
        for (int at = from; at < to; at += 16 * 1024) {
            write(BODY, at, Math.min(to, at + 16 * 1024) - at);
        }
    }

    private void write(byte[] bytes, int offset, int length) {
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(length);
        buffer.writeBytes(bytes, offset, length);
        fed.add(buffer);
        s3.writeInbound(buffer);
    }

    private static String head(int length) {
        return "HTTP/1.1 206 Partial Content\r\nContent-Length: " + length + "\r\nContent-Range: bytes 0-"
                + (length - 1) + "/" + length + "\r\n\r\n";
    }

    private static final class Received implements ReceivedBody.Receiver {
        final List<ByteBuf> chunks = new ArrayList<>();
        boolean ended;
        boolean cut;

        @Override
        public void chunk(ByteBuf data) {
            chunks.add(data);
        }

        @Override
        public void ended() {
            ended = true;
        }

        @Override
        public void cut() {
            cut = true;
        }

        byte[] bytes() {
            return concat(chunks);
        }

        void releaseAll() {
            chunks.forEach(ByteBuf::release);
        }
    }

    /** A viewer connection whose writes complete when the test says so. */
    private static final class Viewer implements BodyPump.Viewer {
        final List<ByteBuf> pending = new ArrayList<>();
        final List<Runnable> drained = new ArrayList<>();
        boolean full;

        @Override
        public void write(ByteBuf data) {
            pending.add(data);
        }

        @Override
        public boolean full() {
            return full;
        }

        @Override
        public void whenDrained(Runnable action) {
            drained.add(action);
        }

        void drain() {
            List<Runnable> actions = List.copyOf(drained);
            drained.clear();
            actions.forEach(Runnable::run);
        }

        byte[] bytes() {
            return concat(pending);
        }

        void completeWrites() {
            pending.forEach(ByteBuf::release);
            pending.clear();
        }

        void failWrites() {
            completeWrites();
        }
    }

    private static byte[] concat(List<ByteBuf> buffers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf buffer : buffers) {
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.getBytes(buffer.readerIndex(), bytes);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
