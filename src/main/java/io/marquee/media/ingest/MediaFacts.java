package io.marquee.media.ingest;

import io.marquee.packaging.index.IndexSummary;
import io.marquee.packaging.index.IndexedMedia;

/** What the content check learnt about the media, each null when unknown; a video's index when it is an MP4. */
public record MediaFacts(Integer width, Integer height, Integer durationSeconds, IndexedMedia index) {

    public static final MediaFacts NONE = new MediaFacts(null, null, null, null);

    public MediaFacts(Integer width, Integer height, Integer durationSeconds) {
        this(width, height, durationSeconds, null);
    }

    /** The facts of a video, from its index: its video track's picture size and duration. */
    public static MediaFacts of(IndexedMedia indexed) {
        IndexSummary summary = indexed.summary();
        return new MediaFacts(summary.width(), summary.height(),
                (int) Math.round(summary.durationMillis() / 1000.0), indexed);
    }
}
