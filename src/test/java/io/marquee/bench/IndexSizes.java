package io.marquee.bench;

import io.marquee.packaging.mp4.MediaIndex;
import io.marquee.packaging.mp4.MediaIndexCodec;
import io.marquee.packaging.mp4.Mp4IndexReader;
import io.marquee.packaging.mp4.SampleTable;
import io.marquee.packaging.mp4.SegmentIndex;
import io.marquee.packaging.mp4.TrackIndex;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stored packaging index costs (docs/FMP4.md): for each MP4 given, the moov's size, the stored index's size,
 * and the median time to read the moov, encode the index and decode it. With {@code --tile N}, also an index N times
 * as long, made by repeating the file's sample tables and segments end to end (each repetition's samples placed after
 * the previous one's bytes), which is how a 2-hour film's index is measured from a generated 10-minute one.
 * <p>
 * Usage: {@code java -cp ... io.marquee.bench.IndexSizes [--tile N] FILE...}
 */
public final class IndexSizes {

    private static final int RUNS = 15;

    private IndexSizes() {
    }

    public static void main(String[] args) throws Exception {
        int tile = 0;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--tile")) {
                tile = Integer.parseInt(args[++i]);
            } else {
                files.add(Path.of(args[i]));
            }
        }
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            byte[] moov = moov(bytes);
            MediaIndex index = Mp4IndexReader.read(moov, Duration.ofSeconds(6));
            long readNanos = median(() -> Mp4IndexReader.read(moov, Duration.ofSeconds(6)));
            report(file.getFileName().toString(), moov.length, index, readNanos);
            if (tile > 1) {
                report(file.getFileName() + " x" + tile + " (tiled)", -1, tiled(index, tile, bytes.length), -1);
            }
        }
    }

    private static void report(String name, long moovBytes, MediaIndex index, long readNanos) throws Exception {
        byte[] stored = MediaIndexCodec.encode(index);
        long encodeNanos = median(() -> MediaIndexCodec.encode(index));
        long decodeNanos = median(() -> MediaIndexCodec.decode(stored));
        if (!MediaIndexCodec.decode(stored).equals(index)) {
            throw new IllegalStateException("the index does not survive encoding");
        }
        long samples = index.tracks().stream().mapToLong(t -> t.samples().count()).sum();
        TrackIndex video = index.video().orElseThrow();
        System.out.printf("%s: %.0f s, %d samples (%d video), %d segments, moov %s bytes, stored index %d bytes"
                        + " (%.1f bytes/sample); read moov %s ms, encode %.2f ms, decode %.2f ms%n",
                name, video.durationSeconds(), samples, video.samples().count(), video.segments().size(),
                moovBytes < 0 ? "-" : Long.toString(moovBytes), stored.length, (double) stored.length / samples,
                readNanos < 0 ? "-" : String.format("%.2f", readNanos / 1e6), encodeNanos / 1e6, decodeNanos / 1e6);
    }

    /** The index repeated {@code times} end to end, as a film that long with the same kind of pictures would have. */
    private static MediaIndex tiled(MediaIndex index, int times, long fileBytes) {
        List<TrackIndex> tracks = new ArrayList<>();
        for (TrackIndex t : index.tracks()) {
            SampleTable s = t.samples();
            int n = s.count();
            int[] sizes = new int[n * times];
            long[] offsets = new long[n * times];
            int[] durations = new int[n * times];
            int[] ctos = new int[n * times];
            boolean[] sync = new boolean[n * times];
            List<SegmentIndex> segments = new ArrayList<>();
            for (int k = 0; k < times; k++) {
                for (int i = 0; i < n; i++) {
                    int j = k * n + i;
                    sizes[j] = s.size(i);
                    offsets[j] = s.offset(i) + k * fileBytes;
                    durations[j] = s.duration(i);
                    ctos[j] = s.compositionOffset(i);
                    sync[j] = s.sync(i);
                }
                for (SegmentIndex g : t.segments()) {
                    segments.add(new SegmentIndex(segments.size(), g.firstSample() + k * n, g.sampleCount(),
                            g.startTicks() + k * t.durationTicks(), g.durationTicks(), g.sourceStart() + k * fileBytes,
                            g.sourceEnd() + k * fileBytes, g.payloadBytes()));
                }
            }
            tracks.add(new TrackIndex(t.trackId(), t.kind(), t.codec(), t.timescale(), t.durationTicks() * times,
                    t.width(), t.height(), t.sampleRate(), t.channels(), t.language(), t.frameRate(),
                    t.averageBitrate(), t.peakBitrate(), t.sampleEntry(),
                    SampleTable.of(sizes, offsets, durations, ctos, s.allSync() ? null : sync), segments));
        }
        return new MediaIndex(tracks);
    }

    private interface Work {
        Object run() throws Exception;
    }

    private static long median(Work work) throws Exception {
        for (int i = 0; i < 20; i++) {
            work.run();
        }
        long[] times = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            work.run();
            times[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(times);
        return times[RUNS / 2];
    }

    private static byte[] moov(byte[] file) {
        int at = 0;
        while (at + 8 <= file.length) {
            long size = ByteBuffer.wrap(file, at, 4).getInt() & 0xFFFFFFFFL;
            String type = new String(file, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (size == 1) {
                size = ByteBuffer.wrap(file, at + 8, 8).getLong();
            }
            if (type.equals("moov")) {
                byte[] moov = new byte[(int) size];
                System.arraycopy(file, at, moov, 0, moov.length);
                return moov;
            }
            at += (int) size;
        }
        throw new IllegalArgumentException("no moov");
    }
}
