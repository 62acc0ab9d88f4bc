package io.marquee.playback.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** Request bodies of the playback endpoints; the resource passes their fields to the playback service. */
public final class PlaybackRequests {

    private PlaybackRequests() {
    }

    public record StartRequest(@NotNull UUID titleId, UUID episodeId, @Size(max = 100) String deviceName) {
    }

    public record HeartbeatRequest(@NotNull @Min(0) @Max(1_000_000) Integer positionSeconds) {
    }

    public record EndRequest(@Min(0) @Max(1_000_000) Integer positionSeconds) {
    }
}
