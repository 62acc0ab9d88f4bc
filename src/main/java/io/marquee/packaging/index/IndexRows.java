package io.marquee.packaging.index;

import io.marquee.common.PersistenceFailures;
import io.marquee.packaging.mp4.MediaIndexCodec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/** The media_index and media_index_error rows (V12__media_index.sql). */
@ApplicationScoped
public class IndexRows {

    private static final String COLUMNS = "asset_id, format, segment_target_ms, source_etag, index_bytes, video_codec,"
            + " audio_codec, width, height, frame_rate, average_bitrate, peak_bitrate, duration_ms, segment_count";
    private static final String INSERT = "INSERT INTO media_index (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6,"
            + " $7, $8, $9, $10, $11, $12, $13, $14)";
    /** The hot path's one query: the asset, its index (current or not) and its recorded failure. */
    private static final String LOAD = "SELECT a.kind, a.s3_key, a.etag, a.size_bytes, i.format, i.source_etag,"
            + " i.index_bytes, e.source_etag AS error_etag FROM media_asset a"
            + " LEFT JOIN media_index i ON i.asset_id = a.id LEFT JOIN media_index_error e ON e.asset_id = a.id"
            + " WHERE a.id = $1";

    /** What {@link #load} found: a video asset's object, and its stored index when it is of that object. */
    public record Loaded(StoredAsset asset, byte[] index, boolean failed) {
    }

    /** A video asset's object in the bucket. */
    public record StoredAsset(UUID id, String s3Key, String etag, long sizeBytes) {
    }

    private final Pool pool;

    public IndexRows(Pool pool) {
        this.pool = pool;
    }

    /** Stores the index in the current Hibernate Reactive transaction (the one installing the asset's row). */
    public static Uni<Void> insertInTransaction(UUID assetId, String etag, IndexedMedia indexed) {
        IndexSummary s = indexed.summary();
        return Panache.getSession().chain(session -> session.flush().chain(() -> session.createNativeQuery(
                        "INSERT INTO media_index (" + COLUMNS + ") VALUES (:asset, :format, :target, :etag, :bytes,"
                                + " :video, :audio, :width, :height, :fps, :average, :peak, :duration, :segments)")
                .setParameter("asset", assetId).setParameter("format", (short) MediaIndexCodec.FORMAT)
                .setParameter("target", indexed.segmentTargetMillis()).setParameter("etag", etag)
                .setParameter("bytes", indexed.stored()).setParameter("video", s.videoCodec())
                .setParameter("audio", s.audioCodec()).setParameter("width", s.width())
                .setParameter("height", s.height()).setParameter("fps", s.frameRate())
                .setParameter("average", s.averageBitrate()).setParameter("peak", s.peakBitrate())
                .setParameter("duration", s.durationMillis()).setParameter("segments", s.segmentCount())
                .executeUpdate())).replaceWithVoid();
    }

    /**
     * Stores the index of an asset installed earlier, unless one is there (another instance may have indexed it at
     * the same moment). An asset deleted meanwhile is no failure: there is nothing to index any more.
     */
    public Uni<Void> insert(StoredAsset asset, IndexedMedia indexed) {
        IndexSummary s = indexed.summary();
        Tuple values = Tuple.from(new Object[] {asset.id(), (short) MediaIndexCodec.FORMAT,
            indexed.segmentTargetMillis(), asset.etag(), io.vertx.core.buffer.Buffer.buffer(indexed.stored()),
            s.videoCodec(), s.audioCodec(), s.width(), s.height(), s.frameRate(), s.averageBitrate(), s.peakBitrate(),
            s.durationMillis(), s.segmentCount()});
        // An index of an older object (another ETag) or format is replaced; a current one is kept.
        return pool.preparedQuery(INSERT + " ON CONFLICT (asset_id) DO UPDATE SET " + updateAll()
                        + " WHERE media_index.source_etag <> EXCLUDED.source_etag"
                        + " OR media_index.format <> EXCLUDED.format")
                .execute(values)
                .call(() -> pool.preparedQuery("DELETE FROM media_index_error WHERE asset_id = $1")
                        .execute(Tuple.of(asset.id())))
                .replaceWithVoid()
                .onFailure(PersistenceFailures::isForeignKeyViolation).recoverWithNull();
    }

    /** Records why the asset's object cannot be indexed, so it is not tried again until the object changes. */
    public Uni<Void> recordFailure(StoredAsset asset, String reason, String detail) {
        return pool.preparedQuery("INSERT INTO media_index_error (asset_id, source_etag, reason, detail)"
                        + " VALUES ($1, $2, $3, $4) ON CONFLICT (asset_id) DO UPDATE SET source_etag ="
                        + " EXCLUDED.source_etag, reason = EXCLUDED.reason, detail = EXCLUDED.detail, failed_at = now()")
                .execute(Tuple.of(asset.id(), asset.etag(), reason, detail))
                .replaceWithVoid()
                .onFailure(PersistenceFailures::isForeignKeyViolation).recoverWithNull();
    }

    /** The asset's row with its index; empty when there is no such video asset. */
    public Uni<Optional<Loaded>> load(UUID assetId) {
        return pool.preparedQuery(LOAD).execute(Tuple.of(assetId)).map(rows -> {
            for (Row row : rows) {
                if (!"video".equals(row.getString("kind"))) {
                    return Optional.empty();
                }
                StoredAsset asset = new StoredAsset(assetId, row.getString("s3_key"), row.getString("etag"),
                        row.getLong("size_bytes"));
                boolean current = asset.etag().equals(row.getString("source_etag"))
                        && row.getShort("format") != null && row.getShort("format") == MediaIndexCodec.FORMAT;
                byte[] index = current ? row.getBuffer("index_bytes").getBytes() : null;
                return Optional.of(new Loaded(asset, index, asset.etag().equals(row.getString("error_etag"))));
            }
            return Optional.empty();
        });
    }

    private static String updateAll() {
        StringBuilder set = new StringBuilder();
        for (String column : COLUMNS.split(",\\s*")) {
            if (!column.equals("asset_id")) {
                set.append(set.isEmpty() ? "" : ", ").append(column).append(" = EXCLUDED.").append(column);
            }
        }
        return set.append(", created_at = now()").toString();
    }
}
