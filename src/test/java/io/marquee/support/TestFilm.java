package io.marquee.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A film for adaptive streaming tests, made with ffmpeg once per build and kept in {@code target/test-films/}
 * (made again only when missing): 3 minutes of testsrc2 with a burnt-in timecode and a sine tone (AAC), in three
 * renditions with a keyframe every 2 s exactly (so they align), and WebVTT subtitles with a cue every 10 s. Also the
 * bad inputs an upload must refuse or package correctly, as small clips of the same kind.
 */
public final class TestFilm {

    /** The film's length. */
    public static final Duration LENGTH = Duration.ofMinutes(3);
    /** Frames per second of every rendition. */
    public static final int FPS = 25;
    /** Seconds between keyframes in every rendition. */
    public static final int KEYFRAME_SECONDS = 2;

    /** One rendition: its upload label, picture size, target video bitrate and file. */
    public record Rendition(String label, int width, int height, int videoKbps, Path file) {
    }

    private static final Path DIR = Path.of("target", "test-films", "v1");
    private static final String FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf";
    private static final List<Rendition> LADDER = List.of(
            new Rendition("360p", 640, 360, 800, DIR.resolve("film-360p.mp4")),
            new Rendition("240p", 426, 240, 400, DIR.resolve("film-240p.mp4")),
            new Rendition("144p", 256, 144, 150, DIR.resolve("film-144p.mp4")));

    private TestFilm() {
    }

    /** The three renditions, highest first: 640x360 ~800 kb/s, 426x240 ~400 kb/s, 256x144 ~150 kb/s. */
    public static List<Rendition> renditions() {
        cached(LADDER.get(LADDER.size() - 1).file(), TestFilm::makeLadder);
        return LADDER;
    }

    /** English WebVTT subtitles: a cue every 10 s for the film's length, each naming its start time. */
    public static Path subtitles() {
        return cached(DIR.resolve("film.en.vtt"), file -> {
            StringBuilder vtt = new StringBuilder("WEBVTT\n\n");
            for (int start = 0; start < LENGTH.toSeconds(); start += 10) {
                vtt.append(String.format(Locale.ROOT, "%d%n%s --> %s%nCue %d at %s%n%n", start / 10 + 1,
                        time(start), time(start + 4), start / 10 + 1, time(start)));
            }
            write(file, vtt.toString().getBytes(StandardCharsets.UTF_8));
        });
    }

    // ---- Bad inputs: 6 s clips (320x180, keyframes every 2 s, AAC) with one thing wrong or unusual ----

    /** Video in MPEG-4 Part 2 ('mp4v'), which adaptive streaming does not carry. */
    public static Path mpeg4Part2Video() {
        return clip("mpeg4-part2.mp4", "-c:v", "mpeg4", "-q:v", "5", "-g", "50", "-c:a", "aac");
    }

    /** Audio in MP3 (an 'mp4a' entry of object type 0x6B), which adaptive streaming does not carry. */
    public static Path mp3Audio() {
        return clip("mp3-audio.mp4", "-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-c:a", "libmp3lame");
    }

    /**
     * H.264 with two B-frames, stored with negative composition offsets (ctts version 1, no edit list), as
     * {@code -movflags +negative_cts_offsets} writes them.
     */
    public static Path negativeCompositionOffsets() {
        return clip("b-frames-negative-cts.mp4", "-c:v", "libx264", "-preset", "veryfast", "-bf", "2", "-g", "50",
                "-keyint_min", "50", "-sc_threshold", "0", "-c:a", "aac",
                "-movflags", "+faststart+negative_cts_offsets");
    }

    /** H.264 with two B-frames as ffmpeg writes them by default: positive offsets, an edit list shifting them. */
    public static Path bFramesWithEditList() {
        return clip("b-frames-edit-list.mp4", "-c:v", "libx264", "-preset", "veryfast", "-bf", "2", "-g", "50",
                "-keyint_min", "50", "-sc_threshold", "0", "-c:a", "aac");
    }

    /** Audio that starts 1 s after the video: an empty edit (a start delay) in its edit list. */
    public static Path delayedAudio() {
        return cached(DIR.resolve("delayed-audio.mp4"), file -> ffmpeg(file, "-f", "lavfi", "-i",
                "testsrc2=size=320x180:rate=" + FPS, "-itsoffset", "1", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-t", "6", "-map", "0:v", "-map", "1:a", "-c:v", "libx264",
                "-preset", "veryfast", "-g", "50", "-c:a", "aac", "-movflags", "+faststart"));
    }

    /** A variable frame rate: three frames in every second are dropped and their neighbours last longer. */
    public static Path variableFrameRate() {
        return clip("variable-frame-rate.mp4", "-vf", "select='not(between(mod(n,25),10,12))'",
                "-fps_mode", "vfr", "-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-c:a", "aac");
    }

    /** The film's picture at 426x240 with a keyframe every 2.4 s: it cannot join the film's renditions. */
    public static Path misalignedRendition() {
        return cached(DIR.resolve("misaligned-240p.mp4"), file -> ffmpeg(file, "-f", "lavfi", "-i",
                "testsrc2=size=426x240:rate=" + FPS, "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", "12", "-c:v", "libx264", "-preset", "veryfast", "-g", "60", "-keyint_min", "60", "-sc_threshold",
                "0", "-c:a", "aac", "-movflags", "+faststart"));
    }

    /** A clip whose audio track has no samples at all (ffmpeg drops such tracks, so its tables are emptied). */
    public static byte[] zeroLengthAudioTrack() {
        byte[] file = read(plainClip());
        for (String table : new String[] {"stsz", "stts", "stsc", "stco"}) {
            int at = Mp4Files.box(file, "moov", "trak#2", "mdia", "minf", "stbl", table);
            ByteBuffer.wrap(file).putInt(at + (table.equals("stsz") ? 16 : 12), 0);
        }
        return file;
    }

    /** A clip whose video track's edit plays its media at twice the speed, which no fragment can express. */
    public static byte[] editListAtDoubleRate() {
        byte[] file = read(bFramesWithEditList());
        int elst = Mp4Files.box(file, "moov", "trak#1", "edts", "elst");
        if (file[elst + 8] != 0) {
            throw new IllegalStateException("expected a version 0 edit list");
        }
        ByteBuffer.wrap(file).putShort(elst + 24, (short) 2);
        return file;
    }

    /** A clip whose moov is damaged: the video track's box claims to run 100,000 bytes past the end of the moov. */
    public static byte[] malformedMoov() {
        byte[] file = read(plainClip());
        int trak = Mp4Files.box(file, "moov", "trak#1");
        ByteBuffer b = ByteBuffer.wrap(file);
        b.putInt(trak, b.getInt(trak) + 100_000);
        return file;
    }

    /** A clip cut in the middle of its moov: the upload ends before the moov does. */
    public static byte[] truncatedMoov() {
        byte[] file = read(plainClip());
        int moov = Mp4Files.box(file, "moov");
        return Arrays.copyOf(file, moov + ByteBuffer.wrap(file).getInt(moov) / 2);
    }

    /** A clip whose video sample table announces 2,500,000 samples (a few bytes that would cost ~60 MB read). */
    public static byte[] hugeSampleTable() {
        byte[] file = read(plainClip());
        int stsz = Mp4Files.box(file, "moov", "trak#1", "mdia", "minf", "stbl", "stsz");
        ByteBuffer.wrap(file).putInt(stsz + 16, 2_500_000);
        return file;
    }

    /**
     * A clip whose moov is {@code moovBytes} long: its own boxes, then a free box inside it as padding (as some
     * muxers reserve room for a moov to grow).
     */
    public static byte[] moovOf(int moovBytes) {
        byte[] file = read(plainClip());
        int moov = Mp4Files.box(file, "moov");
        int size = ByteBuffer.wrap(file).getInt(moov);
        int padding = moovBytes - size;
        ByteBuffer out = ByteBuffer.allocate(file.length + padding);
        out.put(file, 0, moov).putInt(moovBytes).put(file, moov + 4, size - 4)
                .putInt(padding).put("free".getBytes(StandardCharsets.ISO_8859_1)).position(moov + moovBytes);
        // The media data moved by the padding: an index would point at the wrong bytes, but this one is refused first.
        out.put(file, moov + size, file.length - moov - size);
        return out.array();
    }

    /** A clean 6 s clip: H.264 with a keyframe every 2 s and AAC, faststart. */
    public static Path plainClip() {
        return clip("plain.mp4", "-c:v", "libx264", "-preset", "veryfast", "-g", "50", "-keyint_min", "50",
                "-sc_threshold", "0", "-c:a", "aac");
    }

    /** The file's bytes. */
    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void makeLadder(Path ignored) {
        // One ffmpeg run: the picture is drawn once at 640x360 (timecode and frame number), then split and scaled.
        String draw = "drawbox=x=(iw-440)/2:y=(ih-120)/2:w=440:h=120:color=black@0.6:t=fill,"
                + "drawtext=fontfile=" + FONT + ":text='%{pts\\:hms}':fontsize=48:fontcolor=white"
                + ":x=(w-text_w)/2:y=(h/2)-text_h-4,"
                + "drawtext=fontfile=" + FONT + ":text='frame %{n}':fontsize=32:fontcolor=yellow"
                + ":x=(w-text_w)/2:y=(h/2)+8,format=yuv420p,split=3[a][b][c];[b]scale=426:240[b2];[c]scale=256:144[c2]";
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i",
                "testsrc2=size=640x360:rate=" + FPS + ":duration=" + LENGTH.toSeconds(), "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000:duration=" + LENGTH.toSeconds(),
                "-filter_complex", "[0:v]" + draw));
        String[] outputs = {"[a]", "[b2]", "[c2]"};
        List<Path> temporary = new ArrayList<>();
        for (int i = 0; i < LADDER.size(); i++) {
            Rendition r = LADDER.get(i);
            Path temp = r.file().resolveSibling(r.file().getFileName() + ".tmp.mp4");
            temporary.add(temp);
            int gop = FPS * KEYFRAME_SECONDS;
            args.addAll(List.of("-map", outputs[i], "-map", "1:a", "-c:v", "libx264", "-preset", "veryfast",
                    "-profile:v", "main", "-b:v", r.videoKbps() + "k", "-maxrate", (r.videoKbps() * 3 / 2) + "k",
                    "-bufsize", (r.videoKbps() * 2) + "k", "-g", String.valueOf(gop), "-keyint_min",
                    String.valueOf(gop), "-sc_threshold", "0", "-c:a", "aac", "-b:a", "96k", "-ac", "2",
                    "-movflags", "+faststart", temp.toString()));
        }
        run(args);
        for (int i = 0; i < LADDER.size(); i++) {
            move(temporary.get(i), LADDER.get(i).file());
        }
    }

    private static Path clip(String name, String... options) {
        return cached(DIR.resolve(name), file -> {
            List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=" + FPS,
                    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "6"));
            args.addAll(List.of(options));
            if (!args.contains("-movflags")) {
                args.addAll(List.of("-movflags", "+faststart"));
            }
            ffmpeg(file, args.toArray(String[]::new));
        });
    }

    private static void ffmpeg(Path file, String... args) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp.mp4");
        List<String> command = new ArrayList<>(List.of(args));
        command.add(temp.toString());
        run(command);
        move(temp, file);
    }

    /**
     * The file, made by {@code make} (which must write it, or rename into it, whole) unless it is there already.
     * One JVM at a time makes media: a lock file orders test JVMs running side by side.
     */
    private static synchronized Path cached(Path file, Consumer<Path> make) {
        if (Files.exists(file)) {
            return file;
        }
        try {
            Files.createDirectories(DIR);
            try (FileChannel channel = FileChannel.open(DIR.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                if (!Files.exists(file)) {
                    make.accept(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static void run(List<String> args) {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
                "-y"));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("ffmpeg failed: " + output + "\n" + String.join(" ", command));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(temp, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        move(temp, file);
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String time(int seconds) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d.000", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
