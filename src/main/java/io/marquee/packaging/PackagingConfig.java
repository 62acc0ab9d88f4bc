package io.marquee.packaging;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Adaptive streaming: how uploads are indexed for packaging, and how much of it an instance keeps in memory. */
@ConfigMapping(prefix = "marquee.packaging")
public interface PackagingConfig {

    /**
     * Segments start at the first keyframe at or after each multiple of this; applies to indexes built from now on
     * (each index keeps the target it was built with).
     */
    @WithDefault("6s")
    Duration segmentTarget();

    /**
     * The largest moov box an upload may have. It is held in memory while the upload streams (next to the 8 MiB part
     * buffer): 16 MiB holds the sample tables of a 4-hour film at 60 fps with B-frames; a bigger moov is a 422.
     */
    @WithDefault("16M")
    MemorySize maxMoovSize();

    /** Memory of decoded indexes an instance caches (estimated at about 17 bytes per sample). */
    @WithDefault("64M")
    MemorySize indexCacheSize();

    /** Index the video assets that have no index yet, in the background at startup. */
    @WithDefault("true")
    boolean backfillAtStart();

    /**
     * Cache-Control of init and media segments and of WebVTT files under /packaged. Their bytes never change under a
     * URL (a replaced asset gets a new id), and every URL carries the grant in its path, so a CDN may cache them:
     * its entries are per grant, and a grant only ever opened its own assets.
     */
    @WithDefault("public, max-age=86400, immutable")
    String segmentCacheControl();

    /**
     * Cache-Control of HLS playlists and DASH MPDs: revalidated every time (a 304 is cheap), never stored by a shared
     * cache, so an ended playback cannot keep getting them from one.
     */
    @WithDefault("private, no-cache")
    String manifestCacheControl();
}
