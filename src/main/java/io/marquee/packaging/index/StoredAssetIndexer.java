package io.marquee.packaging.index;

import io.marquee.media.service.MediaStorage;
import io.marquee.packaging.index.IndexRows.StoredAsset;
import io.marquee.packaging.mp4.Mp4Refusal;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Indexes a video asset installed without an index (before indexing existed, or by a fixture) from its object in the
 * bucket, reading only box headers and the moov, and stores the index, or why there can be none. Failures that may
 * pass (S3 or PostgreSQL unavailable, the object changing under the read) are not recorded: the Uni fails.
 */
@ApplicationScoped
public class StoredAssetIndexer {

    /** Recorded when the asset's object is not in the bucket. */
    public static final String OBJECT_MISSING = "OBJECT_MISSING";
    private static final Logger LOG = Logger.getLogger(StoredAssetIndexer.class);

    /** The index when there is one, else the recorded reason (an {@link Mp4Refusal.Reason} or OBJECT_MISSING). */
    public record Outcome(IndexedMedia indexed, String reason, String detail) {

        public boolean isIndexed() {
            return indexed != null;
        }
    }

    private final MediaStorage storage;
    private final MediaIndexer indexer;
    private final IndexRows rows;

    public StoredAssetIndexer(MediaStorage storage, MediaIndexer indexer, IndexRows rows) {
        this.storage = storage;
        this.indexer = indexer;
        this.rows = rows;
    }

    public Uni<Outcome> index(StoredAsset asset) {
        return StoredMoovReader.read((offset, length) -> storage.read(asset.s3Key(), asset.etag(), offset, length),
                        asset.sizeBytes(), indexer.maxMoovBytes())
                .chain(stored -> indexer.index(stored.moov()).chain(indexed -> checked(stored.layout(), indexed)))
                .chain(indexed -> rows.insert(asset, indexed).replaceWith(new Outcome(indexed, null, null)))
                .onFailure(Mp4Refusal.class).recoverWithUni(e -> failed(asset,
                        ((Mp4Refusal) e).reason().name(), e.getMessage()))
                .onFailure(StoredAssetIndexer::isMissing).recoverWithUni(e -> failed(asset, OBJECT_MISSING,
                        "The asset's object " + asset.s3Key() + " is not in the bucket."));
    }

    private Uni<Outcome> failed(StoredAsset asset, String reason, String detail) {
        LOG.infof("Video asset %s cannot be indexed (%s): %s", asset.id(), reason, detail);
        return rows.recordFailure(asset, reason, detail).replaceWith(new Outcome(null, reason, detail));
    }

    private static Uni<IndexedMedia> checked(MediaDataLayout layout, IndexedMedia indexed) {
        try {
            layout.check(indexed.index());
            return Uni.createFrom().item(indexed);
        } catch (Mp4Refusal refusal) {
            return Uni.createFrom().failure(refusal);
        }
    }

    private static boolean isMissing(Throwable failure) {
        return failure instanceof NoSuchKeyException || failure instanceof S3Exception s3 && s3.statusCode() == 404
                || failure.getCause() != null && failure.getCause() != failure && isMissing(failure.getCause());
    }
}
