package io.marquee.packaging.mp4;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Test clips made with ffmpeg, read back with ffprobe, and fMP4 files assembled exactly as the server sends them. */
public final class Ffmpeg {

    /** One packet as ffprobe reports it. */
    public record Packet(long pts, long dts, long duration, int size, boolean key, boolean discard) {
    }

    private Ffmpeg() {
    }

    /** Runs {@code ffmpeg -y -v error <args> <out>} and returns out. */
    public static Path make(Path out, String... args) {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-y", "-v", "error", "-nostdin"));
        command.addAll(List.of(args));
        command.add(out.toString());
        Result r = run(command);
        if (r.exit != 0) {
            throw new IllegalStateException("ffmpeg failed: " + r.err);
        }
        return out;
    }

    /** A 320x180 clip of {@code seconds} with 48 kHz AAC, faststart, and the given video options. */
    public static Path clip(Path out, int seconds, int fps, String... videoOptions) {
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=" + fps,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", String.valueOf(seconds)));
        args.addAll(List.of(videoOptions));
        args.addAll(List.of("-c:a", "aac", "-b:a", "64k", "-movflags", "+faststart"));
        return make(out, args.toArray(String[]::new));
    }

    public static boolean hasEncoder(String name) {
        return run(List.of("ffmpeg", "-hide_banner", "-encoders")).out.lines()
                .anyMatch(l -> l.trim().split("\\s+").length > 1 && l.trim().split("\\s+")[1].equals(name));
    }

    /** ffprobe's packets of one stream ("v:0", "a:0") in decode order. */
    public static List<Packet> packets(Path file, String stream) {
        Result r = run(List.of("ffprobe", "-v", "error", "-select_streams", stream, "-show_entries",
                "packet=pts,dts,duration,size,flags", "-of", "compact=p=0", file.toString()));
        if (r.exit != 0) {
            throw new IllegalStateException("ffprobe failed: " + r.err);
        }
        List<Packet> packets = new ArrayList<>();
        for (String line : r.out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> fields = new HashMap<>();
            for (String kv : line.trim().split("\\|")) {
                int eq = kv.indexOf('=');
                fields.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            packets.add(new Packet(number(fields.get("pts")), number(fields.get("dts")),
                    number(fields.get("duration")), Integer.parseInt(fields.get("size")),
                    fields.get("flags").startsWith("K"), fields.get("flags").contains("D")));
        }
        return packets;
    }

    /** ffprobe's number, or Long.MIN_VALUE for N/A. */
    private static long number(String value) {
        return "N/A".equals(value) ? Long.MIN_VALUE : Long.parseLong(value);
    }

    /** The number of frames ffmpeg decodes from one stream. */
    public static long decodedFrames(Path file, String stream) {
        Result r = run(List.of("ffprobe", "-v", "error", "-select_streams", stream, "-count_frames",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", file.toString()));
        return Long.parseLong(r.out.trim().split("\\s+")[0]);
    }

    /** What {@code ffmpeg -v error -i file -f null -} prints: empty when the file decodes cleanly. */
    public static String decodeErrors(Path file) {
        Result r = run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-"));
        return r.exit == 0 ? r.err.trim() : "exit " + r.exit + ": " + r.err;
    }

    /** The top-level moov box of an MP4 file, header included. */
    public static byte[] moov(byte[] file) {
        int at = 0;
        while (at + 8 <= file.length) {
            long size = Box.u32(file, at);
            String type = Box.fourcc(file, at + 4);
            if (size == 1) {
                size = Box.u32(file, at + 8) << 32 | Box.u32(file, at + 12);
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

    /**
     * Init segment then every media segment of the track, each built as the server does: the header, then the
     * bytes of one ranged read {@code [sourceStart, sourceEnd)} of the source passed through a SpanFilter in
     * chunks of random sizes.
     */
    static byte[] joined(byte[] source, TrackIndex track) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Fmp4Writer.initSegment(track));
        for (int n = 0; n < track.segments().size(); n++) {
            out.writeBytes(segment(source, track, n));
        }
        return out.toByteArray();
    }

    static byte[] segment(byte[] source, TrackIndex track, int n) {
        SegmentLayout layout = Fmp4Writer.mediaSegment(track, n);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(layout.header());
        SpanFilter filter = new SpanFilter(layout);
        int at = (int) layout.sourceStart();
        int end = (int) layout.sourceEnd();
        while (at < end) {
            int chunk = Math.min(end - at, 1 + ThreadLocalRandom.current().nextInt(9000));
            int chunkStart = at;
            filter.accept(chunk, (from, to) -> out.write(source, chunkStart + from, to - from));
            at += chunk;
        }
        if (!filter.complete() || out.size() != layout.contentLength()) {
            throw new IllegalStateException("segment " + n + " came out with " + out.size() + " of "
                    + layout.contentLength() + " bytes");
        }
        return out.toByteArray();
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(List<String> command) {
        try {
            Path err = Files.createTempFile("ffmpeg", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int exit = p.waitFor();
                return new Result(exit, out, Files.readString(err));
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
