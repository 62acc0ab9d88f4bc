package io.marquee.packaging.index;

import io.marquee.packaging.mp4.MediaIndex;

/**
 * An index as it is stored: the decoded form, its {@code MediaIndexCodec} bytes, the summary columns and the segment
 * target it was built with.
 */
public record IndexedMedia(MediaIndex index, byte[] stored, IndexSummary summary, int segmentTargetMillis) {
}
