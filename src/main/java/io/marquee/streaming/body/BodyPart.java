package io.marquee.streaming.body;

import io.marquee.packaging.mp4.SourceSpan;
import io.marquee.streaming.StoredObject;
import io.marquee.streaming.http.ByteRange;

import java.util.List;
import java.util.Objects;

/** One piece of a response body: bytes already in memory, or bytes read from a stored object by one ranged GET. */
public sealed interface BodyPart {

    /** How many bytes this part puts on the wire. */
    long length();

    /** Bytes made here (a multipart header, an fMP4 box header). */
    record Bytes(byte[] bytes) implements BodyPart {
        public Bytes {
            Objects.requireNonNull(bytes);
        }

        @Override
        public long length() {
            return bytes.length;
        }
    }

    /**
     * The bytes {@code read} of {@code object}, fetched by one ranged GET; when {@code kept} is not empty, only those
     * spans of it are forwarded (the samples of one track, skipping the other tracks interleaved between them).
     */
    record ObjectBytes(StoredObject object, ByteRange read, List<SourceSpan> kept) implements BodyPart {
        public ObjectBytes {
            Objects.requireNonNull(object);
            Objects.requireNonNull(read);
            kept = List.copyOf(kept);
            for (SourceSpan span : kept) {
                if (span.offset() < read.first() || span.end() > read.last() + 1 || span.length() <= 0) {
                    throw new IllegalArgumentException("kept span " + span + " outside the read " + read);
                }
            }
        }

        /** All bytes of the read are forwarded. */
        public static ObjectBytes whole(StoredObject object, ByteRange read) {
            return new ObjectBytes(object, read, List.of());
        }

        @Override
        public long length() {
            if (kept.isEmpty()) {
                return read.length();
            }
            long sum = 0;
            for (SourceSpan span : kept) {
                sum += span.length();
            }
            return sum;
        }
    }
}
