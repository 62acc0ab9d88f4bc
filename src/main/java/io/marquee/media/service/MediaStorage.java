package io.marquee.media.service;

import io.marquee.media.MediaConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/** The media bucket: whole objects, multipart uploads, deletion. Every method completes on an SDK thread. */
@ApplicationScoped
public class MediaStorage {

    private static final Logger LOG = Logger.getLogger(MediaStorage.class);
    private static final int DELETE_BATCH = 1000;

    private final S3AsyncClient s3;
    private final MediaConfig config;

    public MediaStorage(S3AsyncClient s3, MediaConfig config) {
        this.s3 = s3;
        this.config = config;
    }

    /** Size, strong ETag (with its quotes) and Last-Modified of a stored object. */
    public record StoredObject(String key, long sizeBytes, String etag, Instant lastModified) {
    }

    /** Deletes the objects (missing ones are fine); fails when S3 could not be asked or refused any of them. */
    public Uni<Void> deleteObjects(List<String> keys) {
        return deleteReportingFailures(keys).invoke(failed -> {
            if (!failed.isEmpty()) {
                throw new IllegalStateException("S3 did not delete " + failed.size() + " of " + keys.size() + " objects");
            }
        }).replaceWithVoid();
    }

    /**
     * Deletes the objects (missing ones are fine) and answers the keys S3 did not delete: all of a batch whose
     * request failed, and those a DeleteObjects answer lists as errors. Never fails.
     */
    public Uni<List<String>> deleteReportingFailures(List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<List<String>> batches = new java.util.ArrayList<>();
        for (int i = 0; i < keys.size(); i += DELETE_BATCH) {
            batches.add(keys.subList(i, Math.min(keys.size(), i + DELETE_BATCH)));
        }
        return io.smallrye.mutiny.Multi.createFrom().iterable(batches)
                .onItem().transformToUniAndConcatenate(batch -> Uni.createFrom().completionStage(() -> s3.deleteObjects(
                        r -> r.bucket(config.bucket()).delete(d -> d.quiet(true).objects(batch.stream()
                                .map(key -> ObjectIdentifier.builder().key(key).build()).toList()))))
                        .map(response -> {
                            response.errors().forEach(error -> LOG.warnf("Could not delete %s: %s", error.key(),
                                    error.message()));
                            return response.errors().stream().map(error -> error.key()).toList();
                        })
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("Could not delete %d objects: %s", batch.size(),
                                    io.marquee.common.problem.DependencyFailures.describe(failure));
                            return List.copyOf(batch);
                        }))
                .collect().in(java.util.ArrayList<String>::new, java.util.ArrayList::addAll)
                .map(List::copyOf);
    }

    /** Stores a small object in one request (demo media, generated artwork). */
    public Uni<StoredObject> put(String key, String contentType, byte[] bytes) {
        return Uni.createFrom().completionStage(() -> s3.putObject(r -> r.bucket(config.bucket()).key(key)
                        .contentType(contentType).contentLength((long) bytes.length), AsyncRequestBody.fromBytes(bytes)))
                .chain(() -> head(key));
    }

    /** The object's metadata, or null when it does not exist. */
    public Uni<StoredObject> head(String key) {
        return Uni.createFrom().completionStage(() -> s3.headObject(r -> r.bucket(config.bucket()).key(key)))
                .map(head -> stored(key, head))
                .onFailure(NoSuchKeyException.class).recoverWithNull()
                .onFailure(e -> e instanceof software.amazon.awssdk.services.s3.model.S3Exception s3e
                        && s3e.statusCode() == 404).recoverWithNull();
    }

    /**
     * Exactly {@code length} bytes of the object from {@code offset}, if it still has the ETag {@code etag} (a changed
     * object fails with S3's 412). For small reads only: the bytes are collected in memory.
     */
    public Uni<byte[]> read(String key, String etag, long offset, int length) {
        return Uni.createFrom().completionStage(() -> s3.getObject(r -> r.bucket(config.bucket()).key(key)
                        .ifMatch(etag).range("bytes=" + offset + "-" + (offset + length - 1)),
                        AsyncResponseTransformer.toBytes()))
                .map(response -> {
                    byte[] bytes = response.asByteArrayUnsafe();
                    if (bytes.length != length) {
                        throw new IllegalStateException("S3 sent " + bytes.length + " of the " + length
                                + " bytes asked for at " + offset + " of " + key);
                    }
                    return bytes;
                });
    }

    public Uni<String> startMultipart(String key, String contentType) {
        return Uni.createFrom().completionStage(() -> s3.createMultipartUpload(r -> r.bucket(config.bucket())
                .key(key).contentType(contentType))).map(response -> response.uploadId());
    }

    /** Uploads one part from the buffer's remaining bytes, which must stay untouched until this completes. */
    public Uni<CompletedPart> uploadPart(String key, String uploadId, int partNumber, ByteBuffer bytes) {
        long length = bytes.remaining();
        return Uni.createFrom().completionStage(() -> s3.uploadPart(r -> r.bucket(config.bucket()).key(key)
                        .uploadId(uploadId).partNumber(partNumber).contentLength(length),
                        AsyncRequestBody.fromByteBufferUnsafe(bytes)))
                .map(response -> CompletedPart.builder().partNumber(partNumber).eTag(response.eTag()).build());
    }

    public Uni<StoredObject> completeMultipart(String key, String uploadId, List<CompletedPart> parts) {
        return Uni.createFrom().completionStage(() -> s3.completeMultipartUpload(r -> r.bucket(config.bucket())
                        .key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts))))
                .chain(() -> head(key))
                .onItem().ifNull().failWith(() -> new IllegalStateException("Completed upload not found: " + key));
    }

    public Uni<Void> abortMultipart(String key, String uploadId) {
        return Uni.createFrom().completionStage(() -> s3.abortMultipartUpload(r -> r.bucket(config.bucket())
                .key(key).uploadId(uploadId))).replaceWithVoid();
    }

    private static StoredObject stored(String key, HeadObjectResponse head) {
        return new StoredObject(key, head.contentLength(), head.eTag(), head.lastModified());
    }
}
