package io.marquee.media.service;

import io.marquee.common.PersistenceFailures;
import io.marquee.common.problem.ApiException;
import io.marquee.media.ingest.ContentCheck;
import io.marquee.media.ingest.MediaFacts;
import io.marquee.media.ingest.StreamingUpload;
import io.marquee.media.model.MediaAsset;
import io.marquee.media.service.MediaAssets.Owner;
import io.marquee.media.service.MediaStorage.StoredObject;
import io.marquee.packaging.index.IndexedMedia;
import io.marquee.packaging.index.MediaIndexer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Puts an uploaded body into the catalog: streams it to a new object, then swaps the asset row in one transaction,
 * then deletes the object it replaced, so the old object serves until the new one is complete.
 */
@ApplicationScoped
public class MediaIngest {

    private static final Logger LOG = Logger.getLogger(MediaIngest.class);

    private final MediaStorage storage;
    private final MediaAssets assets;
    private final MediaOrphans orphans;
    private final MediaIndexer indexer;

    public MediaIngest(MediaStorage storage, MediaAssets assets, MediaOrphans orphans, MediaIndexer indexer) {
        this.storage = storage;
        this.assets = assets;
        this.orphans = orphans;
        this.indexer = indexer;
    }

    /** The slot an upload fills: the kind of asset, its label, and for subtitles its language. */
    public record Slot(String kind, String label, String language, String contentType) {
    }

    /** Streams the paused request's body into the slot of the owner; completes on {@code context}. */
    public Uni<MediaAsset> ingest(Owner owner, Slot slot, HttpServerRequest request, Context context) {
        String key = keyFor(owner, slot);
        ContentCheck check = ContentCheck.forType(slot.contentType(), indexer);
        return StreamingUpload.run(request, context, storage, check, key, slot.contentType())
                .chain(result -> install(asset(owner, slot, result.object(), result.facts()),
                        result.facts().index(), context));
    }

    /**
     * Puts a body already in memory (the demo's media) into the slot, checked and indexed as an upload is, before it
     * is stored; completes on {@code context}.
     */
    public Uni<MediaAsset> ingest(Owner owner, Slot slot, byte[] body, Context context) {
        String key = keyFor(owner, slot);
        ContentCheck check = ContentCheck.forType(slot.contentType(), indexer);
        return Uni.createFrom().deferred(() -> {
                    check.accept(body, 0, body.length);
                    return check.finish();
                })
                .chain(facts -> storage.put(key, slot.contentType(), body)
                        .emitOn(command -> context.runOnContext(v -> command.run()))
                        .chain(object -> install(asset(owner, slot, object, facts), facts.index(), context)));
    }

    private static MediaAsset asset(Owner owner, Slot slot, StoredObject object, MediaFacts facts) {
        MediaAsset asset = new MediaAsset();
        asset.id = UUID.randomUUID();
        asset.titleId = owner.titleId();
        asset.episodeId = owner.episodeId();
        asset.kind = slot.kind();
        asset.label = slot.label();
        asset.language = slot.language();
        asset.s3Key = object.key();
        asset.contentType = slot.contentType();
        asset.sizeBytes = object.sizeBytes();
        asset.etag = object.etag();
        asset.lastModified = object.lastModified();
        asset.width = facts.width();
        asset.height = facts.height();
        asset.durationSeconds = facts.durationSeconds();
        asset.bitrate = facts.durationSeconds() == null || facts.durationSeconds() == 0
                ? null : asset.sizeBytes * 8 / facts.durationSeconds();
        asset.createdAt = Instant.now();
        return asset;
    }

    /**
     * Records a stored object as the asset of its slot, with its index when it is a video, then deletes the object it
     * replaced. Whatever refuses it (a rendition out of line with the others, a race on the slot) deletes the object.
     */
    public Uni<MediaAsset> install(MediaAsset asset, IndexedMedia index, Context context) {
        return assets.install(asset, index)
                .onFailure(PersistenceFailures::isUniqueViolation).transform(e -> ApiException.conflict(
                        "Another upload to this slot finished at the same moment; upload again to replace it."))
                .onFailure().call(e -> storage.deleteObjects(List.of(asset.s3Key))
                        .onFailure().invoke(x -> LOG.warnf("Could not delete the unrecorded %s", asset.s3Key))
                        .onFailure().recoverWithNull()
                        .emitOn(command -> context.runOnContext(v -> command.run())))
                // The replaced object was recorded as an orphan with the swap: a failed delete is retried later.
                .chain(oldKey -> oldKey == null ? Uni.createFrom().voidItem() : orphans.deleteNow(List.of(oldKey)))
                .emitOn(command -> context.runOnContext(v -> command.run()))
                .replaceWith(asset);
    }

    /** A fresh key for every upload, so a replacement never overwrites the object still being served. */
    static String keyFor(Owner owner, Slot slot) {
        String base = "titles/" + owner.titleId()
                + (owner.episodeId() == null ? "" : "/episodes/" + owner.episodeId()) + "/";
        String file = UUID.randomUUID() + extension(slot.contentType());
        return switch (slot.kind()) {
            case MediaAsset.VIDEO -> base + "video/" + slot.label() + "/" + file;
            case MediaAsset.SUBTITLE -> base + "subtitles/" + slot.language() + "/" + file;
            default -> base + "artwork/" + slot.kind() + "/" + file;
        };
    }

    private static String extension(String contentType) {
        return switch (contentType) {
            case "video/mp4" -> ".mp4";
            case "text/vtt" -> ".vtt";
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            case "image/webp" -> ".webp";
            default -> "";
        };
    }
}
