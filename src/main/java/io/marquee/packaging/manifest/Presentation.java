package io.marquee.packaging.manifest;

import io.marquee.packaging.mp4.Fmp4Writer;
import io.marquee.packaging.mp4.SegmentIndex;
import io.marquee.packaging.mp4.TrackIndex;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What the manifests of one playback describe: its video renditions (highest first), the audio they share (the audio
 * track of one rendition, served as its own rendition group), and its subtitle tracks. Bandwidths are those of the
 * fragments as served (samples plus their moof), computed once per presentation.
 */
public record Presentation(List<Video> videos, Optional<Audio> audio, List<Subtitles> subtitles) {

    public Presentation {
        videos = videos.stream().sorted(Comparator.comparingLong(Video::peakBandwidth).reversed()).toList();
        Objects.requireNonNull(audio);
        subtitles = List.copyOf(subtitles);
        if (videos.isEmpty()) {
            throw new IllegalArgumentException("a presentation has at least one video rendition");
        }
    }

    /** A video rendition: the video track of one uploaded MP4. */
    public record Video(UUID assetId, String label, TrackIndex track, Rates rates, Rates keyFrameRates) {
        public static Video of(UUID assetId, String label, TrackIndex track) {
            return new Video(assetId, label, track, Rates.of(track, false), Rates.of(track, true));
        }

        public long peakBandwidth() {
            return rates.peak();
        }
    }

    /** The audio track of the rendition {@code assetId}. */
    public record Audio(UUID assetId, TrackIndex track, Rates rates) {
        public static Audio of(UUID assetId, TrackIndex track) {
            return new Audio(assetId, track, Rates.of(track, false));
        }

        /** RFC 5646 language of the track ("en" for "eng"), empty when undetermined. */
        public Optional<String> language() {
            return Languages.bcp47(track.language());
        }
    }

    /** A WebVTT subtitle asset. */
    public record Subtitles(UUID assetId, String language, String label) {
    }

    /** Bits per second of the fragments as served: the largest segment's, and over the whole track. */
    public record Rates(long peak, long average) {
        static Rates of(TrackIndex track, boolean keyFramesOnly) {
            double peak = 0;
            long bytes = 0;
            for (SegmentIndex segment : track.segments()) {
                long length = (keyFramesOnly ? Fmp4Writer.keyFrameSegment(track, segment.number())
                        : Fmp4Writer.mediaSegment(track, segment.number())).contentLength();
                bytes += length;
                if (segment.durationTicks() > 0) {
                    peak = Math.max(peak, length * 8.0 * track.timescale() / segment.durationTicks());
                }
            }
            double seconds = track.durationSeconds();
            long average = seconds > 0 ? (long) Math.ceil(bytes * 8.0 / seconds) : 0;
            return new Rates(Math.max(average, (long) Math.ceil(peak)), average);
        }
    }

    /** The longest track's duration, in seconds. */
    public double durationSeconds() {
        double seconds = 0;
        for (Video video : videos) {
            seconds = Math.max(seconds, video.track().durationSeconds());
        }
        return seconds;
    }

    /** ISO 639-2 codes as MP4 stores them, to the RFC 5646 tags playlists use. */
    static final class Languages {
        private static final java.util.Map<String, String> TWO_LETTER = twoLetterCodes();

        private Languages() {
        }

        static Optional<String> bcp47(String iso639) {
            if (iso639 == null || iso639.isBlank() || iso639.equals("und")) {
                return Optional.empty();
            }
            return Optional.of(TWO_LETTER.getOrDefault(iso639, iso639));
        }

        @SuppressWarnings("deprecation") // Locale.of needs Java 19; the source level is 17
        private static java.util.Map<String, String> twoLetterCodes() {
            java.util.Map<String, String> codes = new java.util.HashMap<>();
            for (String two : Locale.getISOLanguages()) {
                codes.putIfAbsent(new Locale(two).getISO3Language(), two);
            }
            return java.util.Map.copyOf(codes);
        }
    }
}
