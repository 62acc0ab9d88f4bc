package io.marquee.packaging.mp4;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The stored form of a {@link MediaIndex}: a 4-byte magic and format version, then a deflated stream of varints.
 * Sample offsets are stored as gaps after the previous sample's end (0 inside a chunk), durations and composition
 * offsets as runs, sync flags as alternating run lengths.
 */
public final class MediaIndexCodec {

    /** The format written by {@link #encode}; {@link #decode} refuses any other. */
    public static final int FORMAT = 1;
    private static final byte[] MAGIC = {'M', 'Q', 'X'};
    private static final int MAX_TRACKS = 64;

    private MediaIndexCodec() {
    }

    public static byte[] encode(MediaIndex index) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(MAGIC);
        bytes.write(FORMAT);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                new DeflaterOutputStream(bytes, deflater, 8192), 8192))) {
            varint(out, index.tracks().size());
            for (TrackIndex t : index.tracks()) {
                writeTrack(out, t);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    /** Throws IllegalArgumentException on a bad or unknown format. */
    public static MediaIndex decode(byte[] bytes) {
        if (bytes.length < 4 || bytes[0] != MAGIC[0] || bytes[1] != MAGIC[1] || bytes[2] != MAGIC[2]) {
            throw new IllegalArgumentException("not a media index");
        }
        if (bytes[3] != FORMAT) {
            throw new IllegalArgumentException("unknown media index format " + bytes[3]);
        }
        Inflater inflater = new Inflater();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new InflaterInputStream(
                new ByteArrayInputStream(bytes, 4, bytes.length - 4), inflater, 8192), 8192))) {
            int tracks = bounded(varint(in), MAX_TRACKS);
            List<TrackIndex> list = new ArrayList<>(tracks);
            for (int i = 0; i < tracks; i++) {
                list.add(readTrack(in));
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("trailing bytes after the media index");
            }
            return new MediaIndex(list);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("damaged media index: " + e, e);
        } finally {
            inflater.end();
        }
    }

    private static void writeTrack(DataOutputStream out, TrackIndex t) throws IOException {
        varint(out, t.trackId());
        out.writeByte(t.kind().ordinal());
        out.writeUTF(t.codec());
        varint(out, t.timescale());
        varint(out, t.durationTicks());
        varint(out, t.width());
        varint(out, t.height());
        varint(out, t.sampleRate());
        varint(out, t.channels());
        out.writeUTF(t.language());
        out.writeDouble(t.frameRate());
        varint(out, t.averageBitrate());
        varint(out, t.peakBitrate());
        varint(out, t.sampleEntry().length);
        out.write(t.sampleEntry());
        SampleTable s = t.samples();
        int n = s.count();
        varint(out, n);
        for (int i = 0; i < n; i++) {
            varint(out, s.size(i));
        }
        long end = 0;
        for (int i = 0; i < n; i++) {
            signed(out, s.offset(i) - end);
            end = s.offset(i) + s.size(i);
        }
        runs(out, n, s::duration);
        runs(out, n, s::compositionOffset);
        int run = 0;
        boolean current = true;
        for (int i = 0; i < n; i++) {
            if (s.sync(i) != current) {
                varint(out, run);
                run = 0;
                current = !current;
            }
            run++;
        }
        varint(out, run);
        varint(out, t.segments().size());
        for (SegmentIndex g : t.segments()) {
            varint(out, g.number());
            varint(out, g.firstSample());
            varint(out, g.sampleCount());
            signed(out, g.startTicks());
            signed(out, g.durationTicks());
            signed(out, g.sourceStart());
            signed(out, g.sourceEnd() - g.sourceStart());
            signed(out, g.payloadBytes());
        }
    }

    private static TrackIndex readTrack(DataInputStream in) throws IOException {
        int trackId = (int) varint(in);
        int kindOrdinal = in.readUnsignedByte();
        if (kindOrdinal >= TrackKind.values().length) {
            throw new IllegalArgumentException("unknown track kind " + kindOrdinal);
        }
        TrackKind kind = TrackKind.values()[kindOrdinal];
        String codec = in.readUTF();
        int timescale = (int) varint(in);
        long duration = varint(in);
        int width = (int) varint(in);
        int height = (int) varint(in);
        int sampleRate = (int) varint(in);
        int channels = (int) varint(in);
        String language = in.readUTF();
        double frameRate = in.readDouble();
        long average = varint(in);
        long peak = varint(in);
        byte[] entry = new byte[bounded(varint(in), (int) Mp4IndexReader.MAX_MOOV_BYTES)];
        in.readFully(entry);
        int n = bounded(varint(in), Mp4IndexReader.MAX_SAMPLES);
        int[] sizes = new int[n];
        for (int i = 0; i < n; i++) {
            sizes[i] = (int) varint(in);
        }
        long[] offsets = new long[n];
        long end = 0;
        for (int i = 0; i < n; i++) {
            offsets[i] = end + signed(in);
            end = offsets[i] + sizes[i];
        }
        int[] durations = readRuns(in, n);
        int[] ctos = readRuns(in, n);
        boolean[] sync = new boolean[n];
        boolean current = true;
        int at = 0;
        while (true) {
            int run = bounded(varint(in), n - at);
            java.util.Arrays.fill(sync, at, at + run, current);
            at += run;
            if (at == n) {
                break;
            }
            current = !current;
        }
        int segmentCount = bounded(varint(in), Math.max(n, 1));
        List<SegmentIndex> segments = new ArrayList<>(segmentCount);
        for (int i = 0; i < segmentCount; i++) {
            int number = (int) varint(in);
            int first = (int) varint(in);
            int count = (int) varint(in);
            long start = signed(in);
            long length = signed(in);
            long sourceStart = signed(in);
            long sourceEnd = sourceStart + signed(in);
            segments.add(new SegmentIndex(number, first, count, start, length, sourceStart, sourceEnd, signed(in)));
        }
        return new TrackIndex(trackId, kind, codec, timescale, duration, width, height, sampleRate, channels,
                language, frameRate, average, peak, entry, SampleTable.of(sizes, offsets, durations, ctos, sync),
                segments);
    }

    private interface PerSample {
        int value(int i);
    }

    private static void runs(DataOutputStream out, int n, PerSample values) throws IOException {
        int i = 0;
        int runs = 0;
        while (i < n) {
            int j = i + 1;
            while (j < n && values.value(j) == values.value(i)) {
                j++;
            }
            runs++;
            i = j;
        }
        varint(out, runs);
        i = 0;
        while (i < n) {
            int j = i + 1;
            while (j < n && values.value(j) == values.value(i)) {
                j++;
            }
            signed(out, values.value(i));
            varint(out, j - i);
            i = j;
        }
    }

    private static int[] readRuns(DataInputStream in, int n) throws IOException {
        int runs = bounded(varint(in), n);
        int[] values = new int[n];
        int at = 0;
        for (int r = 0; r < runs; r++) {
            long value = signed(in);
            int length = bounded(varint(in), n - at);
            java.util.Arrays.fill(values, at, at + length, (int) value);
            at += length;
        }
        if (at != n) {
            throw new IllegalArgumentException("runs cover " + at + " of " + n + " samples");
        }
        return values;
    }

    private static int bounded(long value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("count " + value + " out of range");
        }
        return (int) value;
    }

    private static void varint(DataOutputStream out, long v) throws IOException {
        if (v < 0) {
            throw new IllegalArgumentException("negative value " + v);
        }
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    private static void signed(DataOutputStream out, long v) throws IOException {
        varint(out, (v << 1) ^ (v >> 63));
    }

    private static long varint(DataInputStream in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }

    private static long signed(DataInputStream in) throws IOException {
        long v = varint(in);
        return (v >>> 1) ^ -(v & 1);
    }
}
