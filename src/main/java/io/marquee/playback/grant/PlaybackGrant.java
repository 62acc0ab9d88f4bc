package io.marquee.playback.grant;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What a grant token allows: the assets of one playback, for one lease and profile, until an instant. */
public record PlaybackGrant(UUID leaseId, UUID profileId, List<UUID> assetIds, Instant expiresAt) {

    public PlaybackGrant {
        assetIds = List.copyOf(assetIds);
    }

    public boolean allows(UUID assetId, Instant now) {
        return now.isBefore(expiresAt) && assetIds.contains(assetId);
    }
}
