package io.marquee.streaming.http;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The framing of a {@code multipart/byteranges} body (RFC 9110 section 14.6): the header block to write before each
 * range's bytes, the closing delimiter, and the exact Content-Length, so the body is never chunked.
 */
public final class MultipartByteranges {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int RANDOM_BOUNDARY_BYTES = 16;
    private static final int MAX_BOUNDARY_LENGTH = 70;

    private final String boundary;
    private final List<Part> parts;
    private final String closingDelimiter;
    private final long contentLength;

    /** One part: its header block, then the bytes of {@code range}. */
    public record Part(ByteRange range, String header) {
        public byte[] headerBytes() {
            return header.getBytes(StandardCharsets.US_ASCII);
        }
    }

    /**
     * @param ranges      two or more ranges within the representation, in the order they are sent
     * @param length      the representation length, L in each {@code Content-Range}
     * @param contentType the representation's media type, repeated in each part
     * @param boundary    1 to 70 letters, digits or {@code '+_-.}, which need no quoting in the Content-Type
     */
    public MultipartByteranges(List<ByteRange> ranges, long length, String contentType, String boundary) {
        if (ranges.size() < 2) {
            throw new IllegalArgumentException("A single range is never sent as multipart");
        }
        requireBoundary(boundary);
        requireFieldValue(contentType);
        this.boundary = boundary;
        this.parts = ranges.stream()
                .map(range -> new Part(range, "\r\n--" + boundary + "\r\nContent-Type: " + contentType
                        + "\r\nContent-Range: " + range.contentRange(length) + "\r\n\r\n"))
                .toList();
        this.closingDelimiter = "\r\n--" + boundary + "--\r\n";
        long total = closingDelimiter.length();
        for (Part part : parts) {
            total = Math.addExact(total, part.header().length() + part.range().length());
        }
        this.contentLength = total;
    }

    /** As the constructor, with a fresh random boundary of 32 hexadecimal digits. */
    public static MultipartByteranges withRandomBoundary(List<ByteRange> ranges, long length, String contentType) {
        byte[] random = new byte[RANDOM_BOUNDARY_BYTES];
        RANDOM.nextBytes(random);
        return new MultipartByteranges(ranges, length, contentType, HexFormat.of().formatHex(random));
    }

    public String boundary() {
        return boundary;
    }

    /** The response Content-Type: {@code multipart/byteranges; boundary=...}. */
    public String contentType() {
        return "multipart/byteranges; boundary=" + boundary;
    }

    public List<Part> parts() {
        return parts;
    }

    public String closingDelimiter() {
        return closingDelimiter;
    }

    public byte[] closingDelimiterBytes() {
        return closingDelimiter.getBytes(StandardCharsets.US_ASCII);
    }

    /** The exact number of bytes of the whole body: every header block, every range, and the closing delimiter. */
    public long contentLength() {
        return contentLength;
    }

    private static void requireBoundary(String boundary) {
        if (boundary.isEmpty() || boundary.length() > MAX_BOUNDARY_LENGTH) {
            throw new IllegalArgumentException("A boundary has 1 to 70 characters");
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "'+_-.".indexOf(c) >= 0;
            if (!allowed) {
                throw new IllegalArgumentException("Boundary character not allowed: " + c);
            }
        }
    }

    /** Refuses what could break the part header framing: control characters, CR and LF above all, and non-ASCII. */
    private static void requireFieldValue(String contentType) {
        if (FieldSyntax.stripOws(contentType).isEmpty()) {
            throw new IllegalArgumentException("A part needs a content type");
        }
        for (int i = 0; i < contentType.length(); i++) {
            char c = contentType.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7E) {
                throw new IllegalArgumentException("Content type character not allowed: " + (int) c);
            }
        }
    }
}
