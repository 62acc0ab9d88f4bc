package io.marquee.packaging.mp4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A bounds-checked view of one box inside a byte array: {@code [start, end)} with the payload from {@code body}. */
final class Box {

    final byte[] data;
    final String type;
    final int start;
    final int body;
    final int end;

    private Box(byte[] data, String type, int start, int body, int end) {
        this.data = data;
        this.type = type;
        this.start = start;
        this.body = body;
        this.end = end;
    }

    /** The top-level box that starts the array, which must be of {@code type}. */
    static Box root(byte[] data, String type, long maxSize) throws Mp4Refusal {
        if (data.length < 8) {
            throw new Mp4Refusal(Mp4Refusal.Reason.TRUNCATED, "The MP4's " + type + " box is cut short ("
                    + data.length + " bytes).");
        }
        long size = u32(data, 0);
        int header = 8;
        if (size == 1) {
            if (data.length < 16) {
                throw new Mp4Refusal(Mp4Refusal.Reason.TRUNCATED, "The MP4's " + type + " box is cut short.");
            }
            size = (long) u32(data, 8) << 32 | u32(data, 12);
            header = 16;
        } else if (size == 0) {
            size = data.length;
        }
        String actual = fourcc(data, 4);
        if (!actual.equals(type)) {
            throw new Mp4Refusal(Mp4Refusal.Reason.MALFORMED, "The MP4 is damaged: expected a '" + type
                    + "' box but found '" + actual + "'.");
        }
        if (size < header) {
            throw new Mp4Refusal(Mp4Refusal.Reason.MALFORMED, "The MP4 is damaged: its " + type
                    + " box has an impossible size (" + size + ").");
        }
        if (size > maxSize) {
            throw new Mp4Refusal(Mp4Refusal.Reason.TOO_LARGE, "The MP4's " + type + " box is " + size
                    + " bytes; at most " + maxSize + " can be packaged.");
        }
        if (size > data.length) {
            throw new Mp4Refusal(Mp4Refusal.Reason.TRUNCATED, "The MP4's " + type + " box is cut short: it declares "
                    + size + " bytes but only " + data.length + " are there.");
        }
        return new Box(data, type, 0, header, (int) size);
    }

    /** The boxes inside this one, from {@code skip} bytes into its payload. */
    List<Box> children(int skip) throws Mp4Refusal {
        List<Box> boxes = new ArrayList<>();
        int at = body + skip;
        if (at > end) {
            throw malformed("is too short for its fields");
        }
        while (end - at >= 8) {
            long size = u32(data, at);
            String childType = fourcc(data, at + 4);
            int header = 8;
            if (size == 1) {
                if (end - at < 16) {
                    throw malformed("holds a box '" + printable(childType) + "' whose header runs past its end");
                }
                size = (long) u32(data, at + 8) << 32 | u32(data, at + 12);
                header = 16;
            } else if (size == 0) {
                size = end - at;
            }
            if (size < header) {
                throw malformed("holds a box '" + printable(childType) + "' with an impossible size (" + size + ")");
            }
            if (size > end - at) {
                throw malformed("holds a box '" + printable(childType) + "' of " + size
                        + " bytes that runs past the end of its parent");
            }
            boxes.add(new Box(data, childType, at, at + header, at + (int) size));
            at += (int) size;
        }
        return boxes;
    }

    List<Box> children() throws Mp4Refusal {
        return children(0);
    }

    /** The first child of {@code childType}, or null. */
    Box child(String childType) throws Mp4Refusal {
        for (Box b : children()) {
            if (b.type.equals(childType)) {
                return b;
            }
        }
        return null;
    }

    /** The first child of {@code childType}; MALFORMED when it is missing. */
    Box require(String childType) throws Mp4Refusal {
        Box b = child(childType);
        if (b == null) {
            throw malformed("has no '" + childType + "' box");
        }
        return b;
    }

    Fields fields() {
        return new Fields(this, body);
    }

    int size() {
        return end - start;
    }

    byte[] bytes() {
        byte[] copy = new byte[end - start];
        System.arraycopy(data, start, copy, 0, copy.length);
        return copy;
    }

    Mp4Refusal malformed(String what) {
        return new Mp4Refusal(Mp4Refusal.Reason.MALFORMED, "The MP4 is damaged: its '" + printable(type)
                + "' box at byte " + start + " of the moov " + what + ".");
    }

    static long u32(byte[] d, int at) {
        return ((d[at] & 0xFFL) << 24) | ((d[at + 1] & 0xFF) << 16) | ((d[at + 2] & 0xFF) << 8) | (d[at + 3] & 0xFF);
    }

    static String fourcc(byte[] d, int at) {
        return new String(d, at, 4, StandardCharsets.ISO_8859_1);
    }

    static String printable(String fourcc) {
        StringBuilder s = new StringBuilder();
        for (char c : fourcc.toCharArray()) {
            s.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return s.toString();
    }

    /** A cursor over a box's fields; reading past the box's end is MALFORMED. */
    static final class Fields {
        private final Box box;
        private int at;

        Fields(Box box, int at) {
            this.box = box;
            this.at = at;
        }

        int position() {
            return at;
        }

        int remaining() {
            return box.end - at;
        }

        private void need(long n) throws Mp4Refusal {
            if (n > box.end - at) {
                throw box.malformed("is too short for its fields");
            }
        }

        /** Fails unless {@code count} entries of {@code width} bytes each fit in the rest of the box. */
        void needEntries(long count, int width) throws Mp4Refusal {
            if (count * width > box.end - at) {
                throw box.malformed("announces " + count + " entries but has room for "
                        + (box.end - at) / width);
            }
        }

        int u8() throws Mp4Refusal {
            need(1);
            return box.data[at++] & 0xFF;
        }

        int u16() throws Mp4Refusal {
            need(2);
            int v = ((box.data[at] & 0xFF) << 8) | (box.data[at + 1] & 0xFF);
            at += 2;
            return v;
        }

        long u32() throws Mp4Refusal {
            need(4);
            long v = Box.u32(box.data, at);
            at += 4;
            return v;
        }

        int s32() throws Mp4Refusal {
            return (int) u32();
        }

        long u64() throws Mp4Refusal {
            need(8);
            long v = Box.u32(box.data, at) << 32 | Box.u32(box.data, at + 4);
            at += 8;
            return v;
        }

        String fourcc() throws Mp4Refusal {
            need(4);
            String s = Box.fourcc(box.data, at);
            at += 4;
            return s;
        }

        void skip(int n) throws Mp4Refusal {
            need(n);
            at += n;
        }

        byte[] bytes(int n) throws Mp4Refusal {
            need(n);
            byte[] b = new byte[n];
            System.arraycopy(box.data, at, b, 0, n);
            at += n;
            return b;
        }
    }
}
