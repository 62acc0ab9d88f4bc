package io.marquee.streaming.body;

import io.marquee.packaging.mp4.SourceSpan;
import io.marquee.streaming.StoredObject;
import io.marquee.streaming.body.BodyPart.Bytes;
import io.marquee.streaming.body.BodyPart.ObjectBytes;
import io.marquee.streaming.http.ByteRange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The whole body of a byte representation as parts in order, and any range of it as parts too: a stored object is one
 * part; a packaged media segment is its box header followed by the source spans of its samples. Range requests on
 * either are answered by slicing, so each part still costs at most one ranged GET.
 */
public record ByteBody(List<BodyPart> parts) {

    public ByteBody {
        parts = List.copyOf(parts);
    }

    /** A stored object served as it is. */
    public static ByteBody of(StoredObject object) {
        return object.length() == 0 ? new ByteBody(List.of())
                : new ByteBody(List.of(ObjectBytes.whole(object, new ByteRange(0, object.length() - 1))));
    }

    public static ByteBody of(BodyPart... parts) {
        return new ByteBody(List.of(parts));
    }

    public long length() {
        long sum = 0;
        for (BodyPart part : parts) {
            sum += part.length();
        }
        return sum;
    }

    /** The parts that carry exactly the bytes {@code range} of this body (within {@link #length()}). */
    public List<BodyPart> slice(ByteRange range) {
        if (range.last() >= length()) {
            throw new IllegalArgumentException("Range " + range.rangeHeader() + " beyond " + length() + " bytes");
        }
        List<BodyPart> slice = new ArrayList<>();
        long partStart = 0;
        for (BodyPart part : parts) {
            long partEnd = partStart + part.length();
            long from = Math.max(range.first(), partStart);
            long to = Math.min(range.last() + 1, partEnd);
            if (from < to) {
                slice.add(cut(part, from - partStart, to - partStart));
            }
            partStart = partEnd;
        }
        return slice;
    }

    /** {@code [from, to)} of one part, relative to the part's first byte. */
    private static BodyPart cut(BodyPart part, long from, long to) {
        if (from == 0 && to == part.length()) {
            return part;
        }
        if (part instanceof Bytes bytes) {
            return new Bytes(Arrays.copyOfRange(bytes.bytes(), (int) from, (int) to));
        }
        ObjectBytes object = (ObjectBytes) part;
        if (object.kept().isEmpty()) {
            long first = object.read().first();
            return ObjectBytes.whole(object.object(), new ByteRange(first + from, first + to - 1));
        }
        List<SourceSpan> kept = new ArrayList<>();
        long at = 0;
        for (SourceSpan span : object.kept()) {
            long spanFrom = Math.max(from, at);
            long spanTo = Math.min(to, at + span.length());
            if (spanFrom < spanTo) {
                kept.add(new SourceSpan(span.offset() + (spanFrom - at), spanTo - spanFrom));
            }
            at += span.length();
        }
        SourceSpan last = kept.get(kept.size() - 1);
        return new ObjectBytes(object.object(), new ByteRange(kept.get(0).offset(), last.end() - 1), kept);
    }
}
