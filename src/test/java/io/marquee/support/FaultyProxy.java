package io.marquee.support;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of the S3-compatible server that can misbehave on demand: delay the answer, stall a body
 * half way, close the connection half way through a body, or refuse connections (cutting those open). Counts
 * connections and the bytes S3 sent through it. {@link #startTls} makes it an HTTPS front for the plain-HTTP server,
 * whose certificate {@link #tls} can swap.
 */
public final class FaultyProxy implements AutoCloseable {

    public enum Mode { PASS, DELAY_ANSWER, STALL_BODY, CUT_BODY, REFUSE }

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytesFromUpstream = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Mode mode = Mode.PASS;
    private volatile SSLContext tls;
    private volatile long delayMillis = 8_000;
    private volatile long stallAfterBytes = 256 * 1024;

    private FaultyProxy(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
        Thread acceptor = new Thread(this::accept, "faulty-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static FaultyProxy start(int targetPort) throws IOException {
        return new FaultyProxy(new ServerSocket(0, 200, InetAddress.getLoopbackAddress()), targetPort);
    }

    /** A proxy that clients reach over TLS with the certificate of {@code tls}; it speaks plain HTTP to the target. */
    public static FaultyProxy startTls(int targetPort, SSLContext tls) throws IOException {
        FaultyProxy proxy = start(targetPort);
        proxy.tls = tls;
        return proxy;
    }

    /** Presents the certificate of {@code tls} from now on, closing the connections made with the previous one. */
    public void tls(SSLContext tls) {
        this.tls = tls;
        open.forEach(this::closeQuietly);
    }

    public int port() {
        return server.getLocalPort();
    }

    public void mode(Mode mode) {
        this.mode = mode;
        if (mode == Mode.REFUSE) {
            // S3 is unreachable: the connections clients keep alive from before go too, not only new ones.
            open.forEach(this::closeQuietly);
        }
    }

    public void delayMillis(long millis) {
        this.delayMillis = millis;
    }

    public long bytesFromUpstream() {
        return bytesFromUpstream.get();
    }

    public int connectionsAccepted() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                SSLContext context = tls;
                if (context != null) {
                    // The handshake runs on the first read, in the pipe's thread.
                    client = context.getSocketFactory().createSocket(client, null, client.getPort(), true);
                    ((SSLSocket) client).setUseClientMode(false);
                }
                if (mode == Mode.REFUSE) {
                    client.setSoLinger(true, 0);
                    client.close();
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(upstream);
                Mode connectionMode = mode;
                pipe(client, upstream, false, connectionMode);
                pipe(upstream, client, true, connectionMode);
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean fromUpstream, Mode connectionMode) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            long forwarded = 0;
            boolean first = true;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (fromUpstream && first && connectionMode == Mode.DELAY_ANSWER) {
                        Thread.sleep(delayMillis);
                    }
                    first = false;
                    if (fromUpstream && connectionMode == Mode.STALL_BODY && forwarded + n > stallAfterBytes) {
                        Thread.sleep(Long.MAX_VALUE);
                    }
                    if (fromUpstream && connectionMode == Mode.CUT_BODY && forwarded + n > stallAfterBytes) {
                        break;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                    forwarded += n;
                    if (fromUpstream) {
                        bytesFromUpstream.addAndGet(n);
                    }
                }
            } catch (IOException | InterruptedException e) {
                // either side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "faulty-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(this::closeQuietly);
    }
}
