package io.marquee.media.ingest;

/** What the content check learnt about the media, each null when unknown. */
public record MediaFacts(Integer width, Integer height, Integer durationSeconds) {

    public static final MediaFacts NONE = new MediaFacts(null, null, null);
}
