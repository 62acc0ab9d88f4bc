package io.marquee.packaging.mp4;

/**
 * A keyframe-aligned segment (video) or the audio samples of the same time span (audio). {@code number} is 0-based,
 * {@code startTicks} is the decode time of its first sample (the fragment's baseMediaDecodeTime), and
 * {@code [sourceStart, sourceEnd)} is the one byte range of the source that holds all of its samples.
 */
public record SegmentIndex(int number, int firstSample, int sampleCount, long startTicks, long durationTicks,
                           long sourceStart, long sourceEnd, long payloadBytes) {
}
