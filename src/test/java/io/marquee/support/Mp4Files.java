package io.marquee.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** MP4 test bodies made from the sample video's top-level boxes: as it is, reordered, cut, or padded to a size. */
public final class Mp4Files {

    private Mp4Files() {
    }

    public static byte[] sample() {
        return resource("/media/sample.mp4");
    }

    public static byte[] resource(String path) {
        try (InputStream in = Mp4Files.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample's top-level boxes by type, each with its header. */
    public static Map<String, byte[]> boxes() {
        byte[] file = sample();
        Map<String, byte[]> boxes = new LinkedHashMap<>();
        int at = 0;
        while (at < file.length) {
            int size = ByteBuffer.wrap(file, at, 4).getInt();
            String type = new String(file, at + 4, 4, StandardCharsets.ISO_8859_1);
            byte[] box = new byte[size];
            System.arraycopy(file, at, box, 0, size);
            boxes.put(type, box);
            at += size;
        }
        return boxes;
    }

    /** The sample with mdat before moov, as encoders write it without faststart. */
    public static byte[] lateMoov() {
        Map<String, byte[]> boxes = boxes();
        return concat(boxes.get("ftyp"), boxes.get("mdat"), boxes.get("moov"));
    }

    /** ftyp and moov of the sample, then an mdat box header announcing {@code mdatPayload} bytes. */
    public static byte[] headerFor(long mdatPayload) {
        Map<String, byte[]> boxes = boxes();
        ByteBuffer mdat = ByteBuffer.allocate(16).putInt(1).put("mdat".getBytes(StandardCharsets.ISO_8859_1))
                .putLong(16 + mdatPayload);
        return concat(boxes.get("ftyp"), boxes.get("moov"), mdat.array());
    }

    /** The offset of the first box of {@code type} inside {@code data} (its size field), or -1. */
    public static int find(byte[] data, String type) {
        byte[] fourcc = type.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 4; i + 4 <= data.length; i++) {
            if (java.util.Arrays.equals(data, i, i + 4, fourcc, 0, 4)) {
                return i - 4;
            }
        }
        return -1;
    }

    /**
     * Makes the first track's sample size table (stsz) announce {@code count} samples, in place: a moov header claiming
     * a huge sample table without the bytes of one.
     */
    public static void patchSampleCount(byte[] moovOrFile, int count) {
        int stsz = find(moovOrFile, "stsz");
        ByteBuffer.wrap(moovOrFile, stsz + 16, 4).putInt(count);
    }

    /**
     * Where a box starts in an MP4, by its path from the top: e.g. {@code "moov", "trak#2", "mdia"} ({@code #n} is
     * the n-th of that type, from 1).
     */
    public static int box(byte[] file, String... path) {
        int start = 0;
        int end = file.length;
        int found = -1;
        for (String step : path) {
            String[] parts = step.split("#");
            int wanted = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
            found = -1;
            for (int at = start, seen = 0; at + 8 <= end; ) {
                long size = ByteBuffer.wrap(file, at, 4).getInt() & 0xFFFFFFFFL;
                int header = 8;
                if (size == 1) {
                    size = ByteBuffer.wrap(file, at + 8, 8).getLong();
                    header = 16;
                }
                String type = new String(file, at + 4, 4, StandardCharsets.ISO_8859_1);
                if (type.equals(parts[0]) && ++seen == wanted) {
                    found = at;
                    start = at + header;
                    end = (int) (at + size);
                    break;
                }
                at += (int) size;
            }
            if (found < 0) {
                throw new IllegalArgumentException("no box " + String.join("/", path));
            }
        }
        return found;
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /**
     * An MP4 of {@code total} bytes generated as it is read (never held in memory): the sample's ftyp and moov, then
     * an mdat of pseudo-random bytes. The moov places the sample's media where it lies in the sample (up to byte
     * 2,783,591), so {@code total} must be at least the sample's size for an upload to accept it.
     */
    public static InputStream generated(long total) {
        byte[] header = headerFor(total - headerFor(0).length);
        return new InputStream() {
            private long position;
            private long state = 0x9E3779B97F4A7C15L;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= total) {
                    return -1;
                }
                int n = (int) Math.min(len, total - position);
                for (int i = 0; i < n; i++) {
                    long p = position + i;
                    if (p < header.length) {
                        b[off + i] = header[(int) p];
                    } else {
                        state ^= state << 13;
                        state ^= state >>> 7;
                        state ^= state << 17;
                        b[off + i] = (byte) state;
                    }
                }
                position += n;
                return n;
            }
        };
    }
}
