package io.marquee.packaging.index;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.marquee.common.notify.DatabaseNotifications;
import io.marquee.packaging.PackagingConfig;
import io.marquee.packaging.mp4.MediaIndex;
import io.marquee.packaging.mp4.MediaIndexCodec;
import io.marquee.packaging.mp4.TrackIndex;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The packaging index of a video asset, for the HLS and DASH endpoints: decoded once per instance and kept in a cache
 * bounded by memory, loaded by one prepared query (no Hibernate session on this path). Every instance drops an asset's
 * index when the asset is replaced or deleted (NOTIFY {@value #CHANGED_CHANNEL}, published by the change's
 * transaction). An asset installed before indexing existed is indexed on its first use, once, and stored.
 */
@ApplicationScoped
public class MediaIndexes {

    /** The channel on which replaced and deleted assets are announced; {@code streaming.ObjectDirectory} hears it too. */
    public static final String CHANGED_CHANNEL = "marquee_media_changed";
    /**
     * A stored index up to this size (about a minute of film) is decoded where the caller is, in well under a
     * millisecond; a bigger one on a worker thread (a 2-hour film's, ~1.1 MB, takes about 27 ms: docs/FMP4.md).
     */
    static final int INLINE_DECODE_BYTES = 16 * 1024;

    private final IndexRows rows;
    private final StoredAssetIndexer indexer;
    private final DatabaseNotifications notifications;
    private final AsyncCache<UUID, MediaIndex> cache;

    public MediaIndexes(IndexRows rows, StoredAssetIndexer indexer, DatabaseNotifications notifications,
                        PackagingConfig config) {
        this.rows = rows;
        this.indexer = indexer;
        this.notifications = notifications;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(config.indexCacheSize().asLongValue())
                .<UUID, MediaIndex>weigher((id, index) -> weight(index))
                .buildAsync();
    }

    /**
     * The index of a video asset; empty when there is no such video asset, or when its object cannot be packaged
     * (the reason is recorded: see the admin ladder). Fails when PostgreSQL or S3 cannot be reached. Completes on the
     * caller's Vert.x context when it has one.
     */
    public Uni<Optional<MediaIndex>> forAsset(UUID assetId) {
        CompletableFuture<MediaIndex> cached = cache.getIfPresent(assetId);
        if (cached != null && cached.isDone() && !cached.isCompletedExceptionally()) {
            return Uni.createFrom().item(Optional.ofNullable(cached.join()));
        }
        Context context = Vertx.currentContext();
        CompletableFuture<MediaIndex> loading = cache.get(assetId, (id, executor) -> load(id)
                .map(found -> found.orElse(null)).subscribeAsCompletionStage());
        Uni<Optional<MediaIndex>> found = Uni.createFrom().completionStage(loading).map(Optional::ofNullable);
        return context == null ? found : found.emitOn(command -> context.runOnContext(v -> command.run()));
    }

    /** Drops what this instance caches about an asset (e.g. after S3 answered 412: its object changed in place). */
    public void forget(UUID assetId) {
        cache.synchronous().invalidate(assetId);
    }

    void start(@Observes StartupEvent event) {
        notifications.listen(CHANGED_CHANNEL, payload -> {
            try {
                forget(UUID.fromString(payload));
            } catch (IllegalArgumentException e) {
                // not an asset id: ignored
            }
        }, () -> cache.synchronous().invalidateAll());
    }

    private Uni<Optional<MediaIndex>> load(UUID assetId) {
        return rows.load(assetId).chain(loaded -> {
            if (loaded.isEmpty()) {
                return Uni.createFrom().item(Optional.empty());
            }
            if (loaded.get().index() != null) {
                return decode(loaded.get().index()).map(Optional::of);
            }
            if (loaded.get().failed()) {
                return Uni.createFrom().item(Optional.empty());
            }
            return indexer.index(loaded.get().asset())
                    .map(outcome -> outcome.isIndexed() ? Optional.of(outcome.indexed().index()) : Optional.empty());
        });
    }

    private static Uni<MediaIndex> decode(byte[] stored) {
        Uni<MediaIndex> decoding = Uni.createFrom().item(() -> MediaIndexCodec.decode(stored));
        return stored.length > INLINE_DECODE_BYTES
                ? decoding.runSubscriptionOn(Infrastructure.getDefaultWorkerPool()) : decoding;
    }

    /** About what a decoded index holds on the heap: per sample a size, an offset and a composition offset. */
    static int weight(MediaIndex index) {
        long bytes = 256;
        for (TrackIndex track : index.tracks()) {
            bytes += 17L * track.samples().count() + 64L * track.segments().size() + track.sampleEntry().length + 256;
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }
}
