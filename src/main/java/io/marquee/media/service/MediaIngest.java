package io.marquee.media.service;

import io.marquee.common.PersistenceFailures;
import io.marquee.common.problem.ApiException;
import io.marquee.media.ingest.ContentCheck;
import io.marquee.media.ingest.StreamingUpload;
import io.marquee.media.model.MediaAsset;
import io.marquee.media.service.MediaAssets.Owner;
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

    public MediaIngest(MediaStorage storage, MediaAssets assets, MediaOrphans orphans) {
        this.storage = storage;
        this.assets = assets;
        this.orphans = orphans;
    }

    /** The slot an upload fills: the kind of asset, its label, and for subtitles its language. */
    public record Slot(String kind, String label, String language, String contentType) {
    }

    /** Streams the paused request's body into the slot of the owner; completes on {@code context}. */
    public Uni<MediaAsset> ingest(Owner owner, Slot slot, HttpServerRequest request, Context context) {
        String key = keyFor(owner, slot);
        ContentCheck check = ContentCheck.forType(slot.contentType());
        return StreamingUpload.run(request, context, storage, check, key, slot.contentType())
                .chain(result -> {
                    MediaAsset asset = new MediaAsset();
                    asset.id = UUID.randomUUID();
                    asset.titleId = owner.titleId();
                    asset.episodeId = owner.episodeId();
                    asset.kind = slot.kind();
                    asset.label = slot.label();
                    asset.language = slot.language();
                    asset.s3Key = key;
                    asset.contentType = slot.contentType();
                    asset.sizeBytes = result.object().sizeBytes();
                    asset.etag = result.object().etag();
                    asset.lastModified = result.object().lastModified();
                    asset.width = result.facts().width();
                    asset.height = result.facts().height();
                    asset.durationSeconds = result.facts().durationSeconds();
                    asset.bitrate = result.facts().durationSeconds() == null || result.facts().durationSeconds() == 0
                            ? null : asset.sizeBytes * 8 / result.facts().durationSeconds();
                    asset.createdAt = Instant.now();
                    return install(asset, context);
                });
    }

    /** Records a stored object as the asset of its slot, then deletes the object it replaced. */
    public Uni<MediaAsset> install(MediaAsset asset, Context context) {
        return assets.install(asset)
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
