package io.marquee.streaming;

import java.time.Instant;
import java.util.UUID;

/** What the byte endpoints need to know about a media object: where it is and its validators. */
public record StoredObject(UUID assetId, UUID titleId, String kind, String s3Key, String contentType, long length,
                           String etag, Instant lastModified) {
}
