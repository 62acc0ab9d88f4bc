package io.marquee.playback.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the playback endpoints. */
public final class PlaybackDtos {

    private PlaybackDtos() {
    }

    public record StartRequest(@NotNull UUID titleId, UUID episodeId, @Size(max = 100) String deviceName) {
    }

    public record HeartbeatRequest(@NotNull @Min(0) @Max(1_000_000) Integer positionSeconds) {
    }

    public record EndRequest(@Min(0) @Max(1_000_000) Integer positionSeconds) {
    }

    /**
     * {@code hlsUrl} and {@code dashUrl}: the adaptive-streaming manifests over every rendition, audio and subtitle
     * track of {@code streams} and {@code subtitles}, packaged on the fly; the progressive streams stay available.
     */
    public record Playback(UUID leaseId, Instant expiresAt, long heartbeatSeconds, int resumeFromSeconds,
                           List<Stream> streams, List<Subtitle> subtitles, String hlsUrl, String dashUrl) {
    }

    public record Stream(UUID assetId, String url, String contentType, Integer width, Integer height, Long bitrate,
                         long sizeBytes, String label) {
    }

    public record Subtitle(UUID assetId, String url, String language, String label) {
    }

    /** One of the account's streams, as the 409 stream-limit answer lists them. */
    public record ActiveStream(UUID leaseId, String deviceName, String profileName, String titleName, Instant startedAt) {
    }

    /** The 409 answer: a problem document that also lists the active streams. */
    public record StreamLimitProblem(String type, String title, int status, String detail,
                                     List<ActiveStream> activeStreams) {
    }
}
