package io.marquee.media;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Where media lives in S3 and how Marquee talks to it. */
@ConfigMapping(prefix = "marquee.media")
public interface MediaConfig {

    /** The S3 bucket that holds every media object; created by the operator ({@code MARQUEE_MEDIA_BUCKET}). */
    String bucket();

    /** How long the readiness check waits for S3 before reporting it DOWN. */
    @WithDefault("2s")
    Duration healthTimeout();

    /** How often deletes of objects whose catalog rows are gone, and that S3 did not confirm, are retried. */
    @WithDefault("30s")
    Duration orphanSweep();
}
