package io.marquee.streaming;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The byte endpoints: limits, caching and the origins of web players. */
@ConfigMapping(prefix = "marquee.streaming")
public interface StreamingConfig {

    /** Streams (GETs with a body) served at once by one instance; beyond it, 503 with Retry-After. */
    @WithDefault("2000")
    int maxConcurrentStreams();

    /** Cache-Control of stream responses. */
    @WithDefault("private")
    String cacheControl();

    /** Cache-Control of artwork responses (public). */
    @WithDefault("public, max-age=86400")
    String artworkCacheControl();

    /** Origins of web players allowed by CORS (e.g. https://watch.example.com); none when unset. */
    Optional<List<String>> corsOrigins();

    /** How long object metadata (size, ETag, type) is cached, so a seek costs one S3 request. */
    @WithDefault("30s")
    Duration metadataTtl();

    /** Objects whose metadata is cached at most. */
    @WithDefault("10000")
    int metadataCacheSize();
}
