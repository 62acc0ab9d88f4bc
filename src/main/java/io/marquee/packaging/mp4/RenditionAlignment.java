package io.marquee.packaging.mp4;

import java.util.Locale;
import java.util.Optional;

/** Whether two video renditions of a title can be switched between: the same segment start times. */
public final class RenditionAlignment {

    private RenditionAlignment() {
    }

    /** Empty when candidate's video segment boundaries equal reference's (within half a frame), else a sentence. */
    public static Optional<String> check(TrackIndex referenceVideo, TrackIndex candidateVideo) {
        double tolerance = 0.5 / Math.max(Math.max(referenceVideo.frameRate(), candidateVideo.frameRate()), 1.0);
        int common = Math.min(referenceVideo.segments().size(), candidateVideo.segments().size());
        for (int n = 0; n < common; n++) {
            double a = seconds(referenceVideo, n);
            double b = seconds(candidateVideo, n);
            if (Math.abs(a - b) > tolerance) {
                return Optional.of(String.format(Locale.ROOT, "Its keyframes do not line up with the title's"
                        + " other renditions: segment %d starts at %.3f s in the reference rendition but at %.3f s"
                        + " in this one. Encode every rendition with keyframes at the same times, e.g. `-g 48"
                        + " -keyint_min 48 -sc_threshold 0` or `-force_key_frames 'expr:gte(t,n_forced*2)'`.",
                        n, a, b));
            }
        }
        if (referenceVideo.segments().size() != candidateVideo.segments().size()) {
            return Optional.of(String.format(Locale.ROOT, "Its keyframes do not line up with the title's other"
                    + " renditions: it has %d segments where the reference rendition has %d (the durations are"
                    + " %.3f s and %.3f s).", candidateVideo.segments().size(), referenceVideo.segments().size(),
                    candidateVideo.durationSeconds(), referenceVideo.durationSeconds()));
        }
        return Optional.empty();
    }

    private static double seconds(TrackIndex track, int n) {
        return (double) track.presentationStartTicks(n) / track.timescale();
    }
}
