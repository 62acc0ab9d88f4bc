package io.marquee.media.view;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/**
 * What administrators see of a title's media: the ladder of video renditions, subtitles and artwork. Built by
 * {@code MediaLadder}, answered by the admin media resource; neutral so that the service never imports a REST type.
 */
public final class MediaViews {

    private MediaViews() {
    }

    /** A title's media; a series' episodes each carry their own renditions and subtitles. */
    public record TitleMedia(UUID titleId, String type, List<Rendition> renditions, List<Subtitle> subtitles,
                             List<Artwork> artwork, List<EpisodeMedia> episodes) {
    }

    public record EpisodeMedia(UUID episodeId, int seasonNumber, int number, String name,
                               List<Rendition> renditions, List<Subtitle> subtitles) {
    }

    /** One video rendition, highest first; the codecs and rates come from its packaging index. */
    public record Rendition(
            UUID assetId, String label, long sizeBytes, Integer width, Integer height,
            @Schema(description = "RFC 6381, e.g. avc1.4d401e") String videoCodec,
            @Schema(description = "RFC 6381, e.g. mp4a.40.2; null without audio") String audioCodec,
            @Schema(description = "bits per second: video and first audio track") Long averageBitrate,
            @Schema(description = "bits per second of the busiest segment: video and first audio track") Long peakBitrate,
            Double frameRate, Double durationSeconds, Integer segmentCount,
            @Schema(enumeration = {"indexed", "failed", "pending"},
                    description = "pending: not indexed yet (the backfill or its first playback will)") String index,
            @Schema(description = "why it cannot be packaged, when index is failed") String indexProblem) {
    }

    public record Subtitle(UUID assetId, String language, long sizeBytes) {
    }

    public record Artwork(UUID assetId, String kind, String contentType, Integer width, Integer height,
                          long sizeBytes) {
    }
}
