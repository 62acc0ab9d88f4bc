package io.marquee.packaging.mp4;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable big-endian buffer that writes nested boxes, patching each size when the box is closed. */
final class BoxWriter {

    private byte[] buf;
    private int length;

    BoxWriter(int capacity) {
        buf = new byte[capacity];
    }

    /** Opens a box and returns where it starts, for {@link #close}. */
    int open(String type) {
        int at = length;
        u32(0);
        fourcc(type);
        return at;
    }

    /** Opens a full box (version and flags). */
    int open(String type, int version, int flags) {
        int at = open(type);
        u32(((long) version << 24) | (flags & 0xFFFFFF));
        return at;
    }

    void close(int at) {
        patch(at, length - at);
    }

    void patch(int at, long value) {
        buf[at] = (byte) (value >>> 24);
        buf[at + 1] = (byte) (value >>> 16);
        buf[at + 2] = (byte) (value >>> 8);
        buf[at + 3] = (byte) value;
    }

    int position() {
        return length;
    }

    BoxWriter u8(int v) {
        ensure(1);
        buf[length++] = (byte) v;
        return this;
    }

    BoxWriter u16(int v) {
        ensure(2);
        buf[length++] = (byte) (v >>> 8);
        buf[length++] = (byte) v;
        return this;
    }

    BoxWriter u32(long v) {
        ensure(4);
        patch(length, v);
        length += 4;
        return this;
    }

    BoxWriter u64(long v) {
        u32(v >>> 32);
        return u32(v & 0xFFFFFFFFL);
    }

    BoxWriter zeros(int n) {
        ensure(n);
        length += n;
        return this;
    }

    BoxWriter fourcc(String s) {
        return bytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    BoxWriter bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, length, b.length);
        length += b.length;
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, length);
    }

    private void ensure(int n) {
        if (length + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + n));
        }
    }
}
