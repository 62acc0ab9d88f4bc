package io.marquee.packaging.index;

import io.marquee.packaging.mp4.MediaIndex;
import io.marquee.packaging.mp4.Mp4Refusal;
import io.marquee.packaging.mp4.SegmentIndex;
import io.marquee.packaging.mp4.TrackIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a file's media data lies: the payloads of its top-level mdat boxes in file order, and the file's size. The
 * moov alone cannot tell whether its sample offsets point at media (a file cut short still has a whole moov), so an
 * index is checked against this before it is stored: every segment must be readable by one ranged GET of media data.
 */
public final class MediaDataLayout {

    private final List<long[]> payloads = new ArrayList<>();
    private long size = -1;

    /** Adds the payload {@code [start, end)} of the next mdat box; {@code end} -1 means "to the end of the file". */
    public void mdat(long start, long end) {
        payloads.add(new long[] {start, end});
    }

    /** The file's size, once known. */
    public void size(long bytes) {
        this.size = bytes;
    }

    /** Refuses (TRUNCATED or MALFORMED) an index with a segment that is not inside the media data. */
    public void check(MediaIndex index) throws Mp4Refusal {
        if (size < 0) {
            throw new IllegalStateException("the file's size is not known yet");
        }
        for (TrackIndex track : index.tracks()) {
            for (SegmentIndex segment : track.segments()) {
                if (segment.sourceEnd() > size) {
                    throw new Mp4Refusal(Mp4Refusal.Reason.TRUNCATED, String.format(Locale.ROOT, "The MP4 is"
                            + " truncated: its moov places samples of %s track %d up to byte %,d but the file has"
                            + " %,d bytes.", kind(track), track.trackId(), segment.sourceEnd(), size));
                }
                if (!insideMediaData(segment.sourceStart(), segment.sourceEnd())) {
                    throw new Mp4Refusal(Mp4Refusal.Reason.MALFORMED, String.format(Locale.ROOT, "The MP4 is"
                            + " damaged: its moov places samples of %s track %d at bytes %,d to %,d, outside its"
                            + " media data (mdat).", kind(track), track.trackId(), segment.sourceStart(),
                            segment.sourceEnd()));
                }
            }
        }
    }

    private boolean insideMediaData(long start, long end) {
        for (long[] payload : payloads) {
            long payloadEnd = payload[1] < 0 ? size : payload[1];
            if (start >= payload[0] && start < payloadEnd) {
                // A segment may run on into a following mdat (files with several); it must end inside one.
                for (long[] last : payloads) {
                    long lastEnd = last[1] < 0 ? size : last[1];
                    if (last[0] >= payload[0] && end > last[0] && end <= lastEnd) {
                        return true;
                    }
                }
                return false;
            }
        }
        return false;
    }

    private static String kind(TrackIndex track) {
        return track.kind().name().toLowerCase(Locale.ROOT);
    }
}
