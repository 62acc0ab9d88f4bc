package io.marquee.packaging.mp4;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One video or audio track of a source MP4: what playlists need (codec string, timescale, size, bitrates), the
 * original sample entry for the init segment, the per-sample table and the segment plan.
 *
 * @param codec         RFC 6381 string for CODECS= / codecs=, e.g. "avc1.64001f", "hvc1.1.6.L93.B0", "mp4a.40.2"
 * @param durationTicks the sum of the sample durations
 * @param language      ISO-639-2 from mdhd, "und" when unset
 * @param peakBitrate   bits per second of the segment with the highest rate
 * @param sampleEntry   the track's stsd sample entry box as in the source (avc1/hvc1/mp4a...)
 */
public record TrackIndex(
        int trackId, TrackKind kind,
        String codec,
        int timescale, long durationTicks,
        int width, int height,
        int sampleRate, int channels,
        String language,
        double frameRate,
        long averageBitrate, long peakBitrate,
        byte[] sampleEntry,
        SampleTable samples,
        List<SegmentIndex> segments) {

    public TrackIndex {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(codec);
        Objects.requireNonNull(language);
        Objects.requireNonNull(sampleEntry);
        Objects.requireNonNull(samples);
        segments = List.copyOf(segments);
        if (timescale <= 0) {
            throw new IllegalArgumentException("timescale must be positive");
        }
    }

    /** The track's duration in seconds. */
    public double durationSeconds() {
        return (double) durationTicks / timescale;
    }

    /** When segment {@code n} starts to be presented (its first sample's presentation time), in ticks. */
    public long presentationStartTicks(int n) {
        int first = segments.get(n).firstSample();
        return samples.decodeTime(first) + samples.compositionOffset(first);
    }

    /** The longest segment, in seconds (for EXT-X-TARGETDURATION, round it up). */
    public double maxSegmentSeconds() {
        long max = 0;
        for (SegmentIndex s : segments) {
            max = Math.max(max, s.durationTicks());
        }
        return (double) max / timescale;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrackIndex t && trackId == t.trackId && kind == t.kind && codec.equals(t.codec)
                && timescale == t.timescale && durationTicks == t.durationTicks && width == t.width
                && height == t.height && sampleRate == t.sampleRate && channels == t.channels
                && language.equals(t.language) && Double.compare(frameRate, t.frameRate) == 0
                && averageBitrate == t.averageBitrate && peakBitrate == t.peakBitrate
                && Arrays.equals(sampleEntry, t.sampleEntry) && samples.equals(t.samples)
                && segments.equals(t.segments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(trackId, kind, codec, timescale, durationTicks, samples.count(), segments.size());
    }

    @Override
    public String toString() {
        return "TrackIndex[" + trackId + " " + kind + " " + codec + " " + width + "x" + height + " "
                + samples.count() + " samples, " + segments.size() + " segments]";
    }
}
