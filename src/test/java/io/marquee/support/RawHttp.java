package io.marquee.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** A bare HTTP/1.1 client for what REST Assured cannot do: stop reading half way, read slowly, see a reset. */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final String head;
    private final long contentLength;

    private RawHttp(Socket socket, InputStream in, String head) {
        this.socket = socket;
        this.in = in;
        this.head = head;
        long length = -1;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            }
        }
        this.contentLength = length;
    }

    /** Sends a GET and reads the status line and headers. */
    public static RawHttp get(URL base, String pathAndQuery, String... headers) throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setReceiveBufferSize(64 * 1024);
        socket.setSoTimeout(30_000);
        StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        request.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Connection closed before the headers ended: " + head);
            }
            head.append((char) b);
        }
        return new RawHttp(socket, in, head.toString());
    }

    public int status() {
        return Integer.parseInt(head.substring(9, 12));
    }

    public String head() {
        return head;
    }

    public long contentLength() {
        return contentLength;
    }

    public InputStream body() {
        return in;
    }

    /** Reads up to {@code count} body bytes; returns how many arrived before the end or a reset. */
    public long read(long count) {
        return read(count, OutputStream.nullOutputStream());
    }

    /**
     * Reads up to {@code count} body bytes into {@code sink}; returns how many arrived before the end or a reset. A
     * connection that neither sends nor ends within the socket timeout fails the test: a hang is not an end.
     */
    public long read(long count, OutputStream sink) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        while (total < count) {
            int n;
            try {
                n = in.read(buffer, 0, (int) Math.min(buffer.length, count - total));
            } catch (SocketTimeoutException hang) {
                throw new AssertionError("Neither a byte nor the end of the connection after " + total + " bytes", hang);
            } catch (IOException reset) {
                return total;
            }
            if (n < 0) {
                break;
            }
            try {
                sink.write(buffer, 0, n);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            total += n;
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }
}
