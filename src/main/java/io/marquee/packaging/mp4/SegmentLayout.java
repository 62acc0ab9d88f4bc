package io.marquee.packaging.mp4;

import java.util.List;

/**
 * One media segment: {@code header} (styp + moof + mdat box header) then the source spans in order.
 * {@code iframeLength} is the number of bytes from the segment's start through its first (key) sample, for an
 * EXT-X-I-FRAMES-ONLY byte range.
 */
public record SegmentLayout(byte[] header, List<SourceSpan> spans, long contentLength, long iframeLength) {

    public SegmentLayout {
        spans = List.copyOf(spans);
        if (spans.isEmpty()) {
            throw new IllegalArgumentException("a segment has at least one span");
        }
    }

    /** The first span's offset: the ranged GET starts here. */
    public long sourceStart() {
        return spans.get(0).offset();
    }

    /** The exclusive end of the last span: the ranged GET is {@code [sourceStart, sourceEnd)}. */
    public long sourceEnd() {
        return spans.get(spans.size() - 1).end();
    }
}
