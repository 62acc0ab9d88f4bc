package io.marquee.packaging.mp4;

import java.util.ArrayList;
import java.util.List;

/**
 * Forwards, from a body that starts at the layout's sourceStart, only the bytes of its spans (skips the bytes of
 * other tracks interleaved between them). Not thread-safe: one per response, fed chunks in order.
 */
public final class SpanFilter {

    /** Receives the {@code [from, to)} slice of the current chunk to forward. */
    @FunctionalInterface
    public interface Slices {
        void slice(int from, int to);
    }

    private final long[] starts;
    private final long[] ends;
    private int span;
    private long position;

    public SpanFilter(SegmentLayout layout) {
        this(layout.spans(), layout.sourceStart());
    }

    /** For a body that starts at source offset {@code bodyStart} and covers every span, in order. */
    public SpanFilter(List<SourceSpan> spans, long bodyStart) {
        starts = new long[spans.size()];
        ends = new long[spans.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = spans.get(i).offset();
            ends[i] = spans.get(i).end();
        }
        position = bodyStart;
    }

    /** For a received chunk of {@code length} bytes, the [from,to) slices of it (relative to the chunk) to forward. */
    public List<int[]> accept(int length) {
        List<int[]> slices = new ArrayList<>(2);
        accept(length, (from, to) -> slices.add(new int[] {from, to}));
        return slices;
    }

    /** Allocation-free form: calls {@code sink} once per slice of the chunk to forward, in order. */
    public void accept(int length, Slices sink) {
        long chunkStart = position;
        long chunkEnd = position + length;
        skipEmptySpans();
        while (span < starts.length && position < chunkEnd) {
            if (position < starts[span]) {
                position = Math.min(starts[span], chunkEnd);
                continue;
            }
            long to = Math.min(ends[span], chunkEnd);
            if (to > position) {
                sink.slice((int) (position - chunkStart), (int) (to - chunkStart));
            }
            position = to;
            if (position == ends[span]) {
                span++;
                skipEmptySpans();
            }
        }
        position = chunkEnd;
    }

    private void skipEmptySpans() {
        while (span < starts.length && starts[span] == ends[span] && position >= starts[span]) {
            span++;
        }
    }

    /** True once every span byte has been forwarded. */
    public boolean complete() {
        return span == starts.length;
    }
}
