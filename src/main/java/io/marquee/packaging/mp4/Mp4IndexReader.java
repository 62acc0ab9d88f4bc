package io.marquee.packaging.mp4;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads the moov of a progressive MP4 into a {@link MediaIndex}: sample tables and a keyframe-aligned segment plan. */
public final class Mp4IndexReader {

    /** The largest moov accepted. */
    public static final long MAX_MOOV_BYTES = 64L * 1024 * 1024;
    /** The most samples one track may have (about 9 hours of 60 fps video, or 12 hours of 48 kHz AAC). */
    public static final int MAX_SAMPLES = 2_000_000;
    /**
     * The most samples of all tracks together (a longest video with its audio fits): each costs about 17 bytes once
     * read, and a moov with a constant sample size announces any number in a few bytes, so many tracks each under
     * {@link #MAX_SAMPLES} could otherwise add up to more memory than an instance has.
     */
    public static final int MAX_TOTAL_SAMPLES = 4_000_000;

    private Mp4IndexReader() {
    }

    /**
     * moov = the whole moov box, header included. Segments: video cut at the first keyframe at or after each
     * multiple of target; audio cut at the same instants. Throws Mp4Refusal for anything it cannot package.
     */
    public static MediaIndex read(byte[] moov, Duration targetSegment) throws Mp4Refusal {
        if (targetSegment.isNegative() || targetSegment.isZero()) {
            throw new IllegalArgumentException("segment target must be positive");
        }
        Box root = Box.root(moov, "moov", MAX_MOOV_BYTES);
        long movieTimescale = 0;
        List<TrackReader.Track> tracks = new ArrayList<>();
        for (Box b : root.children()) {
            if (b.type.equals("mvhd")) {
                Box.Fields f = b.fields();
                int version = f.u8();
                f.skip(3 + (version == 1 ? 16 : 8));
                movieTimescale = f.u32();
            }
        }
        if (movieTimescale == 0) {
            throw root.malformed("has no movie header with a timescale");
        }
        long declared = 0;
        for (Box b : root.children()) {
            if (b.type.equals("trak")) {
                // A track over its own limit is refused by name when it is read.
                declared += Math.min(TrackReader.declaredSamples(b), MAX_SAMPLES);
            }
        }
        if (declared > MAX_TOTAL_SAMPLES) {
            throw new Mp4Refusal(Mp4Refusal.Reason.TOO_LARGE, "The MP4's tracks have " + declared
                    + " samples together; at most " + MAX_TOTAL_SAMPLES + " can be packaged.");
        }
        for (Box b : root.children()) {
            if (b.type.equals("trak")) {
                TrackReader.Track t = TrackReader.read(b, movieTimescale);
                if (t != null) {
                    tracks.add(t);
                }
            }
        }
        TrackReader.Track reference = null;
        for (TrackReader.Track t : tracks) {
            if (t.kind() == TrackKind.VIDEO) {
                reference = t;
                break;
            }
        }
        if (reference == null) {
            throw new Mp4Refusal(Mp4Refusal.Reason.NO_VIDEO, "The MP4 has no video track.");
        }
        long targetNanos = targetSegment.toNanos();
        int[] referenceStarts = Segmenter.videoStarts(reference.samples(), reference.timescale(), targetNanos);
        List<TrackIndex> indexed = new ArrayList<>();
        for (TrackReader.Track t : tracks) {
            int[] starts;
            if (t == reference) {
                starts = referenceStarts;
            } else if (t.kind() == TrackKind.VIDEO) {
                starts = Segmenter.videoStarts(t.samples(), t.timescale(), targetNanos);
            } else {
                starts = Segmenter.followingStarts(t.samples(), t.timescale(), reference.samples(),
                        reference.timescale(), referenceStarts);
            }
            indexed.add(Segmenter.index(t, starts));
        }
        return new MediaIndex(indexed);
    }
}
