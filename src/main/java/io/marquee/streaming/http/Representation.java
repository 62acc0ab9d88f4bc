package io.marquee.streaming.http;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** The validators and length of the stored object a byte request is evaluated against. */
public record Representation(EntityTag etag, Instant lastModified, long length) {

    /** Last-Modified is kept to the second, as an HTTP-date is, so that dates compare as clients see them. */
    public Representation {
        Objects.requireNonNull(etag, "etag");
        if (etag.weak()) {
            throw new IllegalArgumentException("A byte representation needs a strong entity tag: " + etag);
        }
        lastModified = lastModified.truncatedTo(ChronoUnit.SECONDS);
        if (length < 0) {
            throw new IllegalArgumentException("Negative representation length: " + length);
        }
    }

    /** From the object store's metadata: the ETag as sent, quotes included, e.g. {@code "9b2cf535f277..."}. */
    public static Representation of(String etag, Instant lastModified, long length) {
        EntityTag tag = EntityTag.parse(etag)
                .orElseThrow(() -> new IllegalArgumentException("Not an entity tag: " + etag));
        return new Representation(tag, lastModified, length);
    }
}
