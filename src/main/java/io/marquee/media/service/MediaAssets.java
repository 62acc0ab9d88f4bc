package io.marquee.media.service;

import io.marquee.catalog.model.Episode;
import io.marquee.catalog.model.Title;
import io.marquee.common.problem.ApiException;
import io.marquee.media.model.MediaAsset;
import io.marquee.packaging.index.IndexRows;
import io.marquee.packaging.index.IndexedMedia;
import io.marquee.packaging.index.RenditionLadder;
import io.marquee.streaming.ObjectDirectory;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** The media_asset rows: which object serves which slot (title or episode, kind, label). */
@ApplicationScoped
public class MediaAssets {

    private final RenditionLadder ladder;

    public MediaAssets(RenditionLadder ladder) {
        this.ladder = ladder;
    }

    /** Where an upload goes: a title, or one of its episodes. */
    public record Owner(UUID titleId, UUID episodeId) {
    }

    @WithSession
    public Uni<Owner> titleOwner(UUID titleId) {
        return Title.<Title>findById(titleId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("No such title."))
                .map(title -> new Owner(title.id, null));
    }

    @WithSession
    public Uni<Owner> episodeOwner(UUID episodeId) {
        return Episode.<Episode>findById(episodeId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("No such episode."))
                .map(episode -> new Owner(episode.titleId, episode.id));
    }

    /**
     * Makes {@code asset} the one serving its slot, with its index when it is a video, and returns the S3 key of the
     * object it replaces (null if none), which the caller deletes once this has committed. A video rendition whose
     * keyframes do not line up with the owner's other renditions is refused (422) and nothing is written.
     */
    @WithTransaction
    public Uni<String> install(MediaAsset asset, IndexedMedia index) {
        String slot = asset.episodeId == null
                ? "titleId = ?1 and episodeId is null and kind = ?2 and label = ?3"
                : "titleId = ?1 and episodeId = ?4 and kind = ?2 and label = ?3";
        Object[] params = asset.episodeId == null
                ? new Object[] {asset.titleId, asset.kind, asset.label}
                : new Object[] {asset.titleId, asset.kind, asset.label, asset.episodeId};
        Context context = Vertx.currentContext();
        // The title row lock orders concurrent replacements of one title's assets (and a concurrent delete), and
        // makes the alignment check see every rendition committed before it.
        return Title.<Title>findById(asset.titleId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ApiException.notFound("No such title."))
                .call(title -> index == null ? Uni.createFrom().voidItem() : otherRenditions(asset)
                        .chain(others -> ladder.requireAligned(asset.label, index.index(), others))
                        // The other renditions' indexes may have come from a worker thread or S3.
                        .emitOn(command -> context.runOnContext(v -> command.run())))
                .chain(title -> MediaAsset.<MediaAsset>find(slot, params).<MediaAsset>firstResult())
                .chain((MediaAsset old) -> old == null
                        ? asset.persist().replaceWith((String) null)
                        // Deleted by query (executed now) so the slot's unique index is free for the insert.
                        : MediaAsset.delete("id", old.id).chain(() -> asset.persist())
                                .call(() -> ObjectDirectory.publishChanged(old.id))
                                .call(() -> MediaOrphans.record(List.of(old.s3Key))).replaceWith(old.s3Key))
                .call(() -> index == null ? Uni.createFrom().voidItem()
                        : IndexRows.insertInTransaction(asset.id, asset.etag, index));
    }

    /** The owner's other video renditions (label to asset id): the title's own, or the same episode's. */
    private static Uni<Map<String, UUID>> otherRenditions(MediaAsset asset) {
        Uni<List<MediaAsset>> others = asset.episodeId == null
                ? MediaAsset.list("titleId = ?1 and episodeId is null and kind = ?2 and label <> ?3",
                        asset.titleId, MediaAsset.VIDEO, asset.label)
                : MediaAsset.list("episodeId = ?1 and kind = ?2 and label <> ?3",
                        asset.episodeId, MediaAsset.VIDEO, asset.label);
        return others.map(list -> {
            Map<String, UUID> byLabel = new TreeMap<>();
            list.forEach(other -> byLabel.put(other.label, other.id));
            return byLabel;
        });
    }
}
