package io.marquee.packaging.mp4;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Chooses segment boundaries and computes each segment's ranges and the track's bitrates. */
final class Segmenter {

    private static final long NANOS = 1_000_000_000L;

    private Segmenter() {
    }

    /** First samples of the segments: sample 0, then the first sync sample presented at or after each multiple of the target. */
    static int[] videoStarts(SampleTable s, int timescale, long targetNanos) throws Mp4Refusal {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        long k = 1;
        for (int i = 1; i < s.count(); i++) {
            if (!s.sync(i)) {
                continue;
            }
            long pts = presentation(s, i);
            if (scaled(pts, NANOS) >= scaled(scaled(k, targetNanos), timescale)) {
                starts.add(i);
                k = Math.max(k + 1, scaled(pts, NANOS) / scaled(targetNanos, timescale) + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Cuts a track at the reference's segment starts: its first sample presented at or after each of them. */
    static int[] followingStarts(SampleTable s, int timescale, SampleTable reference, int referenceTimescale,
                                 int[] referenceStarts) throws Mp4Refusal {
        int[] starts = new int[referenceStarts.length];
        int count = 1;
        int j = 0;
        for (int r = 1; r < referenceStarts.length; r++) {
            long instant = scaled(presentation(reference, referenceStarts[r]), timescale);
            while (j < s.count() && scaled(presentation(s, j), referenceTimescale) < instant) {
                j++;
            }
            if (j >= s.count()) {
                break;
            }
            if (j > starts[count - 1]) {
                starts[count++] = j;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    static TrackIndex index(TrackReader.Track t, int[] starts) {
        SampleTable s = t.samples();
        List<SegmentIndex> segments = new ArrayList<>(starts.length);
        double peak = 0;
        long totalBytes = 0;
        for (int n = 0; n < starts.length; n++) {
            int first = starts[n];
            int end = n + 1 < starts.length ? starts[n + 1] : s.count();
            long bytes = 0;
            for (int i = first; i < end; i++) {
                bytes += s.size(i);
            }
            long start = s.decodeTime(first);
            long duration = s.decodeTime(end) - start;
            segments.add(new SegmentIndex(n, first, end - first, start, duration, s.offset(first),
                    s.offset(end - 1) + s.size(end - 1), bytes));
            if (duration > 0) {
                peak = Math.max(peak, bytes * 8.0 * t.timescale() / duration);
            }
            totalBytes += bytes;
        }
        long total = s.decodeTime(s.count());
        double seconds = (double) total / t.timescale();
        long average = seconds > 0 ? Math.round(totalBytes * 8.0 / seconds) : 0;
        double frameRate = t.kind() == TrackKind.VIDEO && seconds > 0 ? s.count() / seconds : 0;
        SampleEntry e = t.entry();
        return new TrackIndex(t.trackId(), t.kind(), e.codec(), t.timescale(), total, t.width(), t.height(),
                t.kind() == TrackKind.AUDIO ? (e.sampleRate() > 0 ? e.sampleRate() : t.timescale()) : 0,
                t.kind() == TrackKind.AUDIO ? e.channels() : 0, t.language(), frameRate, average,
                Math.max(average, Math.round(peak)), t.sampleEntry(), s, segments);
    }

    private static long presentation(SampleTable s, int i) {
        return s.decodeTime(i) + s.compositionOffset(i);
    }

    private static long scaled(long a, long b) throws Mp4Refusal {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new Mp4Refusal(Mp4Refusal.Reason.TOO_LARGE, "The MP4's timestamps are too large to segment.");
        }
    }
}
