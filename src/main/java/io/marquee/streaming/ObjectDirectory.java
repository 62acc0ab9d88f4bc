package io.marquee.streaming;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.marquee.common.notify.DatabaseNotifications;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Optional;
import java.util.UUID;

/**
 * Object metadata from the catalog, cached briefly so a player's seek costs one S3 request and no database query.
 * Unknown objects are cached too (as empty), so guessing ids cannot hammer the database.
 */
@ApplicationScoped
public class ObjectDirectory {

    private static final String COLUMNS =
            "SELECT id, title_id, kind, label, language, s3_key, content_type, size_bytes, etag, last_modified FROM media_asset ";
    private static final String BY_ID = COLUMNS + "WHERE id = $1";
    private static final String ARTWORK = COLUMNS + "WHERE title_id = $1 AND episode_id IS NULL AND kind = $2";

    /** PostgreSQL notification channel naming assets whose cached metadata every instance must drop. */
    static final String CHANGED_CHANNEL = "marquee_media_changed";

    private final Pool pool;
    private final DatabaseNotifications notifications;
    private final Cache<String, Optional<StoredObject>> cache;

    public ObjectDirectory(Pool pool, StreamingConfig config, DatabaseNotifications notifications) {
        this.pool = pool;
        this.notifications = notifications;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(config.metadataTtl())
                .maximumSize(config.metadataCacheSize())
                .build();
    }

    public Uni<Optional<StoredObject>> asset(UUID assetId) {
        return lookup("asset:" + assetId, BY_ID, Tuple.of(assetId));
    }

    /** The poster or backdrop of a title. */
    public Uni<Optional<StoredObject>> artwork(UUID titleId, String kind) {
        return lookup("artwork:" + titleId + ":" + kind, ARTWORK, Tuple.of(titleId, kind));
    }

    /** Forgets what is cached about an object, e.g. after S3 said it changed or is gone. */
    public void forget(StoredObject object) {
        forget(object.assetId());
    }

    /** Forgets what is cached about an asset on this instance. */
    public void forget(UUID assetId) {
        cache.asMap().entrySet().removeIf(e -> e.getValue().filter(o -> o.assetId().equals(assetId)).isPresent());
    }

    /** Every instance forgets an asset that was replaced or deleted, as soon as the change commits. */
    void start(@Observes StartupEvent event) {
        notifications.listen(CHANGED_CHANNEL, payload -> {
            try {
                forget(UUID.fromString(payload));
            } catch (IllegalArgumentException e) {
                // not ours: ignored
            }
        }, () -> cache.invalidateAll());
    }

    /** Tells every instance, when the current transaction commits, that an asset was replaced or deleted. */
    public static Uni<Void> publishChanged(UUID assetId) {
        return DatabaseNotifications.publish(CHANGED_CHANNEL, assetId.toString());
    }

    private Uni<Optional<StoredObject>> lookup(String key, String sql, Tuple arguments) {
        Optional<StoredObject> cached = cache.getIfPresent(key);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return pool.preparedQuery(sql).execute(arguments).map(ObjectDirectory::first).invoke(found -> cache.put(key, found));
    }

    private static Optional<StoredObject> first(RowSet<Row> rows) {
        for (Row row : rows) {
            return Optional.of(new StoredObject(row.getUUID("id"), row.getUUID("title_id"), row.getString("kind"),
                    row.getString("label"), row.getString("language"),
                    row.getString("s3_key"), row.getString("content_type"), row.getLong("size_bytes"),
                    row.getString("etag"), row.getOffsetDateTime("last_modified").toInstant()));
        }
        return Optional.empty();
    }
}
