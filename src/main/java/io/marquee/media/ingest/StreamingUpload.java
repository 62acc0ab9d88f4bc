package io.marquee.media.ingest;

import io.marquee.media.service.MediaStorage;
import io.marquee.media.service.MediaStorage.StoredObject;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.model.CompletedPart;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Streams one request body into an S3 multipart upload with bounded memory: bytes fill one part buffer; when it is
 * full the request is paused until that part is uploaded. The content check sees every byte first (for an MP4 it
 * also keeps the moov, bounded, and indexes it meanwhile). A refused, failed or cut-off body aborts the multipart
 * upload (after any part in flight), so nothing is left in the bucket; a refusal found while the body still streams
 * (the moov cannot be packaged) stops it at once.
 *
 * <p>All state is touched on the request's Vert.x context only; S3 completions hop back to it.
 */
public final class StreamingUpload {

    /** 8 MiB: above S3's 5 MiB minimum part size, and the most one upload holds in memory. */
    public static final int PART_SIZE = 8 * 1024 * 1024;
    private static final Logger LOG = Logger.getLogger(StreamingUpload.class);

    /** What arrived: the stored object and what the content check learnt. */
    public record Result(StoredObject object, MediaFacts facts) {
    }

    private final HttpServerRequest request;
    private final Context context;
    private final MediaStorage storage;
    private final ContentCheck check;
    private final String key;
    private final String contentType;
    private final CompletableFuture<Result> outcome = new CompletableFuture<>();
    private final List<CompletedPart> parts = new ArrayList<>();

    private ByteBuffer part;
    private Buffer leftover;
    private Uni<String> uploadId;
    private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
    private boolean ended;
    private boolean finished;
    private long received;

    private StreamingUpload(HttpServerRequest request, Context context, MediaStorage storage, ContentCheck check,
                            String key, String contentType) {
        this.request = request;
        this.context = context;
        this.storage = storage;
        this.check = check;
        this.key = key;
        this.contentType = contentType;
        // The HTTP codec delivers exactly Content-Length bytes, so a small body needs only a small buffer.
        long declared = declaredLength(request);
        this.part = ByteBuffer.allocate((int) Math.max(1, Math.min(PART_SIZE, declared < 0 ? PART_SIZE : declared)));
    }

    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Reads the (paused) request's body into the object {@code key}; the Uni completes on {@code context}. It fails
     * with {@link IngestRefusal} when the content check refuses the bytes.
     */
    public static Uni<Result> run(HttpServerRequest request, Context context, MediaStorage storage, ContentCheck check,
                                  String key, String contentType) {
        StreamingUpload upload = new StreamingUpload(request, context, storage, check, key, contentType);
        return Uni.createFrom().completionStage(() -> {
            upload.start();
            return upload.outcome;
        }).emitOn(command -> context.runOnContext(v -> command.run()));
    }

    private void start() {
        check.onFailure(failure -> context.runOnContext(v -> fail(failure)));
        request.handler(this::onData);
        request.endHandler(v -> onEnd());
        request.exceptionHandler(this::fail);
        request.response().closeHandler(v -> {
            if (!ended) {
                fail(new IllegalStateException("The client went away mid-upload"));
            }
        });
        request.resume();
    }

    private void onData(Buffer data) {
        if (finished) {
            return;
        }
        received += data.length();
        byte[] bytes = data.getBytes();
        try {
            check.accept(bytes, 0, bytes.length);
        } catch (RuntimeException refused) {
            fail(refused);
            return;
        }
        int fits = Math.min(bytes.length, part.remaining());
        part.put(bytes, 0, fits);
        if (!part.hasRemaining()) {
            leftover = fits < bytes.length ? Buffer.buffer(bytes).slice(fits, bytes.length) : null;
            request.pause();
            CompletableFuture<Void> settled = new CompletableFuture<>();
            inFlight = settled;
            uploadPart().subscribe().with(
                    completed -> context.runOnContext(v -> {
                        settled.complete(null);
                        if (finished) {
                            return;
                        }
                        parts.add(completed);
                        part.clear();
                        if (leftover != null) {
                            part.put(leftover.getBytes());
                            leftover = null;
                        }
                        request.resume();
                    }),
                    error -> context.runOnContext(v -> {
                        settled.complete(null);
                        fail(error);
                    }));
        }
    }

    /** Uploads what the part buffer holds as the next part; the buffer must not change until this completes. */
    private Uni<CompletedPart> uploadPart() {
        ByteBuffer bytes = part.flip();
        int number = parts.size() + 1;
        return uploadId().chain(id -> storage.uploadPart(key, id, number, bytes));
    }

    private Uni<String> uploadId() {
        if (uploadId == null) {
            uploadId = storage.startMultipart(key, contentType).memoize().indefinitely();
        }
        return uploadId;
    }

    private void onEnd() {
        ended = true;
        if (finished) {
            return;
        }
        Uni<MediaFacts> inspected;
        try {
            inspected = check.finish();
        } catch (RuntimeException refused) {
            fail(refused);
            return;
        }
        inspected.subscribe().with(facts -> context.runOnContext(v -> complete(facts)),
                refused -> context.runOnContext(v -> fail(refused)));
    }

    /** Sends the last part and completes the upload, once every check has passed. */
    private void complete(MediaFacts facts) {
        inFlight.thenRun(() -> context.runOnContext(v -> {
            if (finished) {
                return;
            }
            Uni<Void> lastPart = part.position() > 0 || parts.isEmpty()
                    ? uploadPart().invoke(parts::add).replaceWithVoid()
                    : Uni.createFrom().voidItem();
            lastPart.chain(this::uploadId)
                    .chain(id -> storage.completeMultipart(key, id, List.copyOf(parts)))
                    .subscribe().with(
                            object -> context.runOnContext(x -> succeed(new Result(object, facts))),
                            error -> context.runOnContext(x -> fail(error)));
        }));
    }

    private void succeed(Result result) {
        if (finished) {
            return;
        }
        finished = true;
        release();
        outcome.complete(result);
    }

    private void fail(Throwable error) {
        if (finished) {
            return;
        }
        finished = true;
        request.pause();
        release();
        Uni<Void> cleanup = uploadId == null ? Uni.createFrom().voidItem()
                : Uni.createFrom().completionStage(inFlight)
                        .chain(() -> uploadId)
                        .chain(id -> storage.abortMultipart(key, id))
                        .onFailure().invoke(e -> LOG.warnf("Could not abort the multipart upload of %s: %s", key, e))
                        .onFailure().recoverWithNull();
        cleanup.subscribe().with(ok -> outcome.completeExceptionally(error), e -> outcome.completeExceptionally(error));
    }

    private void release() {
        part = null;
        leftover = null;
    }

    /** Bytes received so far. */
    public long received() {
        return received;
    }
}
