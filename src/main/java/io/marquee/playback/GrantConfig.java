package io.marquee.playback;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Playback grants: the short-lived tokens in stream URLs. */
@ConfigMapping(prefix = "marquee.grant")
public interface GrantConfig {

    /** Base64 of at least 32 random bytes; signs grants ({@code MARQUEE_GRANT_SECRET}). Same on every instance. */
    String secret();

    /** How long a grant stays valid at most (its lease usually ends first). */
    @WithDefault("6h")
    Duration lifetime();
}
