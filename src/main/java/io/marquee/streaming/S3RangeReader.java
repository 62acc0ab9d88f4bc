package io.marquee.streaming;

import io.marquee.media.MediaConfig;
import io.marquee.streaming.http.ByteRange;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.ResponsePublisher;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.time.temporal.ChronoUnit;

/**
 * Opens exactly one canonical byte range of an object in S3, on the condition that it still has the ETag that was
 * checked, and verifies that S3 answered with that range. Slow first bytes time out (504); a failing S3 opens the
 * breaker (503) so it is not hammered.
 */
@ApplicationScoped
public class S3RangeReader {

    private final S3AsyncClient s3;
    private final String bucket;

    public S3RangeReader(S3AsyncClient s3, MediaConfig media) {
        this.s3 = s3;
        this.bucket = media.bucket();
    }

    /** S3 answered 412: the object is no longer the one whose metadata was checked. */
    public static final class ObjectChanged extends RuntimeException {
        ObjectChanged() {
            super("The object changed since its metadata was read", null, false, false);
        }
    }

    /** S3 answered, but not with the requested range: nothing of it may reach the client. */
    public static final class UnexpectedResponse extends RuntimeException {
        UnexpectedResponse(String message) {
            super(message, null, false, false);
        }
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, skipOn = {ObjectChanged.class, UnexpectedResponse.class})
    public Uni<ResponsePublisher<GetObjectResponse>> open(StoredObject object, ByteRange range) {
        GetObjectRequest request = GetObjectRequest.builder()
                .bucket(bucket)
                .key(object.s3Key())
                .range(range.rangeHeader())
                .ifMatch(object.etag())
                .build();
        return Uni.createFrom().completionStage(() -> s3.getObject(request, AsyncResponseTransformer.toPublisher()))
                .onFailure(S3RangeReader::isPreconditionFailed).transform(e -> new ObjectChanged())
                .onFailure(S3RangeReader::isClientError).transform(e -> new UnexpectedResponse(
                        "S3 refused the range request: " + ((S3Exception) unwrap(e)).statusCode()))
                .invoke(publisher -> {
                    GetObjectResponse response = publisher.response();
                    String expected = range.contentRange(object.length());
                    if (response.sdkHttpResponse().statusCode() != 206 || !expected.equals(response.contentRange())) {
                        publisher.subscribe(new Discard());
                        throw new UnexpectedResponse("S3 answered " + response.sdkHttpResponse().statusCode() + " "
                                + response.contentRange() + " for " + expected);
                    }
                });
    }

    private static boolean isPreconditionFailed(Throwable e) {
        return unwrap(e) instanceof S3Exception s3 && s3.statusCode() == 412;
    }

    private static boolean isClientError(Throwable e) {
        return unwrap(e) instanceof S3Exception s3 && s3.statusCode() >= 400 && s3.statusCode() < 500;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Cancels a body that must not be read, releasing its connection. */
    static final class Discard implements org.reactivestreams.Subscriber<java.nio.ByteBuffer> {
        @Override
        public void onSubscribe(org.reactivestreams.Subscription subscription) {
            subscription.cancel();
        }

        @Override
        public void onNext(java.nio.ByteBuffer item) {
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }
}
