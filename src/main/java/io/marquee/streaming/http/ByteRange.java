package io.marquee.streaming.http;

/** An inclusive, resolved range of byte positions within a representation. */
public record ByteRange(long first, long last) {

    public ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("Not a byte range: " + first + "-" + last);
        }
    }

    public long length() {
        return last - first + 1;
    }

    /** The Content-Range value of this range within a representation of {@code total} bytes: {@code bytes f-l/L}. */
    public String contentRange(long total) {
        if (last >= total) {
            throw new IllegalArgumentException("Range " + first + "-" + last + " exceeds length " + total);
        }
        return "bytes " + first + "-" + last + "/" + total;
    }

    /** The canonical single-range Range value sent to the object store: {@code bytes=f-l}. */
    public String rangeHeader() {
        return "bytes=" + first + "-" + last;
    }
}
