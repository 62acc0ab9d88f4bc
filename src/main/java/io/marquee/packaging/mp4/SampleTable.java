package io.marquee.packaging.mp4;

import java.util.Arrays;

/**
 * Per-sample arrays of one track in decode order, kept compact: durations as runs (one run for constant frame
 * rate), composition offsets only when they vary, sync flags as a bit set (absent when every sample is sync).
 */
public final class SampleTable {

    private final int count;
    private final int[] sizes;
    private final long[] offsets;
    private final int[] runStart;
    private final int[] runDuration;
    private final long[] runTime;
    private final int[] compositionOffsets;
    private final int constantCompositionOffset;
    private final long[] syncBits;

    private SampleTable(int[] sizes, long[] offsets, int[] runStart, int[] runDuration, long[] runTime,
                        int[] compositionOffsets, int constantCompositionOffset, long[] syncBits) {
        this.count = sizes.length;
        this.sizes = sizes;
        this.offsets = offsets;
        this.runStart = runStart;
        this.runDuration = runDuration;
        this.runTime = runTime;
        this.compositionOffsets = compositionOffsets;
        this.constantCompositionOffset = constantCompositionOffset;
        this.syncBits = syncBits;
    }

    /** A table from full per-sample arrays (copied); {@code sync == null} means every sample is sync. */
    public static SampleTable of(int[] sizes, long[] offsets, int[] durations, int[] compositionOffsets,
                                 boolean[] sync) {
        int n = sizes.length;
        if (offsets.length != n || durations.length != n || compositionOffsets.length != n
                || (sync != null && sync.length != n)) {
            throw new IllegalArgumentException("per-sample arrays differ in length");
        }
        int runs = 0;
        for (int i = 0; i < n; i++) {
            if (durations[i] < 0) {
                throw new IllegalArgumentException("negative duration at sample " + i);
            }
            if (i == 0 || durations[i] != durations[i - 1]) {
                runs++;
            }
        }
        int[] runStart = new int[runs];
        int[] runDuration = new int[runs];
        long[] runTime = new long[runs];
        long time = 0;
        int r = -1;
        for (int i = 0; i < n; i++) {
            if (i == 0 || durations[i] != durations[i - 1]) {
                r++;
                runStart[r] = i;
                runDuration[r] = durations[i];
                runTime[r] = time;
            }
            time += durations[i];
        }
        boolean constant = true;
        for (int i = 1; i < n && constant; i++) {
            constant = compositionOffsets[i] == compositionOffsets[0];
        }
        int[] ctos = constant ? null : compositionOffsets.clone();
        int constantCto = n == 0 ? 0 : compositionOffsets[0];
        long[] bits = null;
        if (sync != null) {
            boolean all = true;
            for (boolean s : sync) {
                all &= s;
            }
            if (!all) {
                bits = new long[(n + 63) >>> 6];
                for (int i = 0; i < n; i++) {
                    if (sync[i]) {
                        bits[i >>> 6] |= 1L << (i & 63);
                    }
                }
            }
        }
        return new SampleTable(sizes.clone(), offsets.clone(), runStart, runDuration, runTime, ctos, constantCto,
                bits);
    }

    public int count() {
        return count;
    }

    public int size(int i) {
        return sizes[check(i)];
    }

    /** Absolute byte offset of the sample in the source file. */
    public long offset(int i) {
        return offsets[check(i)];
    }

    /** Duration in ticks. */
    public int duration(int i) {
        return runDuration[run(check(i))];
    }

    /** Presentation time minus decode time, in ticks; negative where an edit list moved presentation earlier. */
    public int compositionOffset(int i) {
        check(i);
        return compositionOffsets == null ? constantCompositionOffset : compositionOffsets[i];
    }

    public boolean sync(int i) {
        check(i);
        return syncBits == null || (syncBits[i >>> 6] & (1L << (i & 63))) != 0;
    }

    /** Decode time in ticks from 0; {@code decodeTime(count())} is the track's total duration. */
    public long decodeTime(int i) {
        if (i < 0 || i > count) {
            throw new IndexOutOfBoundsException(i);
        }
        if (count == 0) {
            return 0;
        }
        if (i == count) {
            int last = runStart.length - 1;
            return runTime[last] + (long) (count - runStart[last]) * runDuration[last];
        }
        int r = run(i);
        return runTime[r] + (long) (i - runStart[r]) * runDuration[r];
    }

    /** True when every sample is a sync sample (audio, intra-only video). */
    public boolean allSync() {
        return syncBits == null;
    }

    /** Number of distinct duration runs (1 for a constant frame rate). */
    public int durationRuns() {
        return runStart.length;
    }

    int[] durations() {
        int[] d = new int[count];
        for (int r = 0; r < runStart.length; r++) {
            int end = r + 1 < runStart.length ? runStart[r + 1] : count;
            Arrays.fill(d, runStart[r], end, runDuration[r]);
        }
        return d;
    }

    private int run(int i) {
        int r = Arrays.binarySearch(runStart, i);
        return r >= 0 ? r : -r - 2;
    }

    private int check(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException(i);
        }
        return i;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SampleTable t) || t.count != count || !Arrays.equals(sizes, t.sizes)
                || !Arrays.equals(offsets, t.offsets) || !Arrays.equals(runStart, t.runStart)
                || !Arrays.equals(runDuration, t.runDuration)) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (compositionOffset(i) != t.compositionOffset(i) || sync(i) != t.sync(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return 31 * count + Arrays.hashCode(sizes);
    }

    @Override
    public String toString() {
        return "SampleTable[" + count + " samples]";
    }
}
