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

    /** S3 must send its response head within this time, or the request is a 504 (nothing was sent yet). */
    @WithDefault("5s")
    Duration s3FirstByteTimeout();

    /**
     * A body S3 stops sending for this long while the viewer is waiting for it is cut (the viewer's connection is
     * reset, never ended as if complete). Time the viewer spends not reading does not count.
     */
    @WithDefault("10s")
    Duration s3ReadTimeout();

    /** Connecting to S3. */
    @WithDefault("2s")
    Duration s3ConnectTimeout();

    /** An idle pooled connection to S3 is closed after this long (below S3's own idle limit). */
    @WithDefault("15s")
    Duration s3KeepAlive();

    /**
     * Connections to S3 at most, per event loop (each loop has its own pool: a connection carries bytes only for viewers
     * of its loop): every active stream holds one while it reads, so above the stream cap.
     */
    @WithDefault("2100")
    int s3MaxConnections();
}
