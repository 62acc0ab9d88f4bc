package io.marquee.packaging.mp4;

import java.util.List;
import java.util.Optional;

/** What packaging needs of one progressive MP4, read once from its moov at ingest and stored. */
public record MediaIndex(List<TrackIndex> tracks) {

    public MediaIndex {
        tracks = List.copyOf(tracks);
    }

    /** The first video track. */
    public Optional<TrackIndex> video() {
        return first(TrackKind.VIDEO);
    }

    /** The first audio track. */
    public Optional<TrackIndex> audio() {
        return first(TrackKind.AUDIO);
    }

    private Optional<TrackIndex> first(TrackKind kind) {
        return tracks.stream().filter(t -> t.kind() == kind).findFirst();
    }
}
