package io.marquee.packaging.mp4;

/** A contiguous byte range of the source file: {@code [offset, offset + length)}. */
public record SourceSpan(long offset, long length) {

    public long end() {
        return offset + length;
    }
}
