package io.marquee.support;

import io.marquee.media.MediaConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.UUID;

/**
 * Puts titles and media objects in place for playback and streaming tests: real objects in the real S3-compatible
 * server and their rows in PostgreSQL, the way the admin upload leaves them.
 */
@ApplicationScoped
public class MediaFixtures {

    public static final Path SAMPLE_VIDEO = Path.of("src/main/resources/media/sample.mp4");
    public static final Path SAMPLE_SUBTITLES = Path.of("src/main/resources/media/sample.en.vtt");

    private final S3Client s3;
    private final Pool pool;
    private final String bucket;

    public MediaFixtures(S3Client s3, Pool pool, MediaConfig media) {
        this.s3 = s3;
        this.pool = pool;
        this.bucket = media.bucket();
    }

    public UUID movie(String name, int maturityRating) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO title (id, type, name, synopsis, year, maturity_rating, runtime_seconds) "
                        + "VALUES ($1, 'movie', $2, 'A test film.', 2024, $3, 40)")
                .execute(Tuple.of(id, name, maturityRating)).await().indefinitely();
        return id;
    }

    /** Deterministic pseudo-random bytes, so a test can compute what any range must contain. */
    public static byte[] bytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    public UUID video(UUID titleId, String label, byte[] content) {
        return asset(titleId, "video", label, null, "video/mp4", RequestBody.fromBytes(content), 640, 360);
    }

    public UUID video(UUID titleId, String label, Path file) {
        return asset(titleId, "video", label, null, "video/mp4", RequestBody.fromFile(file), 640, 360);
    }

    public UUID subtitles(UUID titleId, String language, Path file) {
        return asset(titleId, "subtitle", language, language, "text/vtt", RequestBody.fromFile(file), null, null);
    }

    /** Replaces the bytes of an asset's object in place (as an operator overwriting it in S3 would). */
    public void overwrite(UUID assetId, byte[] content) {
        String key = pool.preparedQuery("SELECT s3_key FROM media_asset WHERE id = $1").execute(Tuple.of(assetId))
                .await().indefinitely().iterator().next().getString("s3_key");
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
        pool.preparedQuery("UPDATE media_asset SET etag = $2, size_bytes = $3, last_modified = $4 WHERE id = $1")
                .execute(Tuple.of(assetId, head.eTag(), head.contentLength(),
                        OffsetDateTime.ofInstant(head.lastModified(), ZoneOffset.UTC)))
                .await().indefinitely();
    }

    private UUID asset(UUID titleId, String kind, String label, String language, String contentType, RequestBody body,
                       Integer width, Integer height) {
        UUID id = UUID.randomUUID();
        String key = "test/" + titleId + "/" + kind + "/" + id;
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), body);
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
        pool.preparedQuery("INSERT INTO media_asset (id, title_id, kind, label, language, s3_key, content_type, "
                        + "size_bytes, etag, last_modified, width, height, duration_seconds, created_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())")
                .execute(Tuple.from(new Object[]{id, titleId, kind, label, language, key, contentType,
                        head.contentLength(), head.eTag(), OffsetDateTime.ofInstant(head.lastModified(), ZoneOffset.UTC),
                        width, height, "video".equals(kind) ? 40 : null}))
                .await().indefinitely();
        return id;
    }
}
