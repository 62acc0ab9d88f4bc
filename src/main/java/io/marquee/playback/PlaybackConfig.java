package io.marquee.playback;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Stream leases and the URLs handed to players. */
@ConfigMapping(prefix = "marquee.playback")
public interface PlaybackConfig {

    /** How often a player sends a heartbeat; a lease lapses after three missed ones. */
    @WithDefault("30s")
    Duration heartbeatInterval();

    /** Heartbeat intervals without a heartbeat after which a lease lapses. */
    @WithDefault("3")
    int missedHeartbeats();

    /** How often lapsed leases are ended (and their grants revoked on every instance). */
    @WithDefault("5s")
    Duration expirySweep();

    default Duration leaseLifetime() {
        return heartbeatInterval().multipliedBy(missedHeartbeats());
    }
}
