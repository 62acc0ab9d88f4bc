package io.marquee.packaging.index;

import io.marquee.packaging.mp4.MediaIndex;
import io.marquee.packaging.mp4.TrackIndex;

import java.util.Optional;

/**
 * The facts of an index that playlists and the admin ladder show without decoding it, stored in its own columns.
 * A rendition carries its video track and its first audio track: the bitrates are theirs added up (the peak is the
 * sum of each track's busiest segment, an upper bound of the rendition's), the duration is the video track's.
 */
public record IndexSummary(String videoCodec, String audioCodec, int width, int height, double frameRate,
                           long averageBitrate, long peakBitrate, long durationMillis, int segmentCount) {

    /** The summary of an index, which always has a video track (Mp4IndexReader refuses files without one). */
    public static IndexSummary of(MediaIndex index) {
        TrackIndex video = index.video().orElseThrow(() -> new IllegalArgumentException("an index without video"));
        Optional<TrackIndex> audio = index.audio();
        return new IndexSummary(video.codec(), audio.map(TrackIndex::codec).orElse(null), video.width(),
                video.height(), video.frameRate(),
                video.averageBitrate() + audio.map(TrackIndex::averageBitrate).orElse(0L),
                video.peakBitrate() + audio.map(TrackIndex::peakBitrate).orElse(0L),
                Math.round(video.durationSeconds() * 1000), video.segments().size());
    }

    /** The codecs as an HLS CODECS attribute lists them, e.g. {@code avc1.4d401e,mp4a.40.2}. */
    public String codecs() {
        return audioCodec == null ? videoCodec : videoCodec + "," + audioCodec;
    }
}
