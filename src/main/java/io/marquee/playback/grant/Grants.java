package io.marquee.playback.grant;

import io.marquee.playback.GrantConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Issues and checks the grants in stream URLs with the configured secret. */
@ApplicationScoped
public class Grants {

    private final GrantCodec codec;
    private final GrantConfig config;

    public Grants(GrantConfig config) {
        this.codec = GrantCodec.fromBase64(config.secret());
        this.config = config;
    }

    /** Instantiates the bean at start, so an unusable secret stops startup. */
    void checkSecret(@Observes StartupEvent event) {
        config.lifetime();
    }

    public String issue(UUID leaseId, UUID profileId, List<UUID> assetIds) {
        return codec.sign(new PlaybackGrant(leaseId, profileId, assetIds, Instant.now().plus(config.lifetime())));
    }

    public Optional<PlaybackGrant> verify(String token) {
        return codec.verify(token);
    }
}
