package io.marquee.streaming;

import java.time.Instant;
import java.util.UUID;

/**
 * What the byte endpoints need to know about a media object: where it is, its validators, and which slot it fills
 * ({@code label}: the rendition, e.g. 720p, or the subtitle's language; {@code language} for subtitles, else null).
 */
public record StoredObject(UUID assetId, UUID titleId, String kind, String label, String language, String s3Key,
                           String contentType, long length, String etag, Instant lastModified) {
}
