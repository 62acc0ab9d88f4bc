package io.marquee.streaming;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.marquee.media.MediaConfig;
import io.marquee.streaming.http.ByteRange;
import io.netty.channel.EventLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.ContextInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Opens exactly one canonical byte range of an object in S3, on the condition that it still has the ETag that was
 * checked, and verifies that S3 answered with that range.
 *
 * <p>Bytes do not go through the AWS SDK: a presigned GET (signed once per object and cached, so a seek costs no
 * signing) is sent by a Vert.x HTTP client on the request's own event loop (one client, so one connection pool, per
 * event loop: a connection is only ever used on the loop that writes to the viewer), and the body is taken off the
 * connection by a {@link BodyTap} as pooled Netty buffers, held until the caller pipes them straight to the viewer's
 * connection with TCP backpressure. The SDK still decides the endpoint, credentials (the default chain: the ECS task
 * role) and signature through the presigner.
 *
 * <p>A first byte slower than {@code marquee.streaming.s3-first-byte-timeout} is a timeout (504); a failing S3 opens
 * the breaker (503) so it is not hammered.
 */
@ApplicationScoped
public class S3RangeReader {

    /** How long a presigned URL stays valid, and (well inside it) how long one is reused. */
    private static final Duration SIGNATURE_LIFETIME = Duration.ofMinutes(15);
    private static final Duration URL_REUSE = Duration.ofMinutes(5);

    private final Vertx vertx;
    private final S3Presigner presigner;
    private final String bucket;
    private final StreamingConfig config;
    private final Cache<String, String> urls;
    private final HttpClientOptions options;
    private final PoolOptions pool;
    private final Map<EventLoop, HttpClient> clients = new ConcurrentHashMap<>();

    public S3RangeReader(Vertx vertx, S3Presigner presigner, MediaConfig media, StreamingConfig config) {
        this.vertx = vertx;
        this.presigner = presigner;
        this.bucket = media.bucket();
        this.config = config;
        this.urls = Caffeine.newBuilder().expireAfterWrite(URL_REUSE).maximumSize(config.metadataCacheSize()).build();
        this.options = new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true)
                .setKeepAliveTimeout((int) config.s3KeepAlive().toSeconds())
                .setConnectTimeout((int) config.s3ConnectTimeout().toMillis())
                .setTcpNoDelay(true)
                .setDecompressionSupported(false)
                .setMaxChunkSize(64 * 1024);
        this.pool = new PoolOptions().setHttp1MaxSize(config.s3MaxConnections())
                .setMaxWaitQueueSize(config.s3MaxConnections());
    }

    /** The client of {@code context}'s event loop: its connections are created on that loop and stay there. */
    private HttpClient client(Context context) {
        return clients.computeIfAbsent(((ContextInternal) context).nettyEventLoop(),
                loop -> vertx.createHttpClient(options, pool));
    }

    /** S3 answered 412 or 404: the object is no longer the one whose metadata was checked (replaced or deleted). */
    public static final class ObjectChanged extends RuntimeException {
        ObjectChanged() {
            super("The object changed since its metadata was read", null, false, false);
        }
    }

    /** S3 answered, but not with the requested range: nothing of it may reach the client. */
    public static final class UnexpectedResponse extends RuntimeException {
        private final int status;

        UnexpectedResponse(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        /** S3's status code. */
        public int status() {
            return status;
        }
    }

    /** S3 answered with a server error (5xx) or dropped the connection before answering: unavailable right now. */
    public static final class StorageUnavailable extends RuntimeException {
        StorageUnavailable(int status) {
            super("S3 answered " + status, null, false, false);
        }

        StorageUnavailable(Throwable cause) {
            super("S3 closed the connection before answering: " + cause.getMessage(), cause, false, false);
        }

        private StorageUnavailable(String message) {
            super(message, null, false, false);
        }

        /** S3's connection closed (or its body was malformed) after {@code received} of {@code expected} bytes. */
        static StorageUnavailable cutAfter(long received, long expected) {
            return new StorageUnavailable("S3 closed the connection after " + received + " of " + expected + " bytes");
        }
    }

    /** S3 sent no response head within the first-byte timeout. */
    public static final class FirstByteTimeout extends TimeoutException {
        FirstByteTimeout(Duration timeout) {
            super("S3 sent no response within " + timeout.toMillis() + " ms");
        }
    }

    /** An open ranged body: its bytes are held, and S3's socket not read further, until a receiver takes them. */
    public record Body(HttpClientResponse response, ReceivedBody bytes) {
        /** Gives the body up: held buffers are released; a body not fully received closes its connection. */
        public void discard() {
            bytes.discard();
        }
    }

    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, skipOn = {ObjectChanged.class, UnexpectedResponse.class})
    public Uni<Body> open(StoredObject object, ByteRange range) {
        Context context = vertx.getOrCreateContext();
        return url(object.s3Key())
                .chain(url -> send(context, url, object, range, true))
                .onFailure(UnexpectedResponse.class).recoverWithUni(failure -> {
                    // A 403 is most likely a signature made with credentials that have since rotated: sign afresh once.
                    if (((UnexpectedResponse) failure).status() != 403) {
                        return Uni.createFrom().failure(failure);
                    }
                    urls.invalidate(object.s3Key());
                    return url(object.s3Key()).chain(url -> send(context, url, object, range, false));
                });
    }

    private Uni<String> url(String key) {
        String cached = urls.getIfPresent(key);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        // Signing may resolve credentials (an HTTP call to the ECS credentials endpoint): never on the event loop.
        return Uni.createFrom().completionStage(() -> vertx.<String>executeBlocking(() -> {
            String url = presigner.presignGetObject(p -> p.signatureDuration(SIGNATURE_LIFETIME)
                    .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toString();
            urls.put(key, url);
            return url;
        }, false).toCompletionStage());
    }

    private Uni<Body> send(Context context, String url, StoredObject object, ByteRange range, boolean mayRetryClosed) {
        return Uni.createFrom().<Body>emitter(emitter -> {
            Exchange exchange = new Exchange((ContextInternal) context, emitter::complete, emitter::fail, object, range);
            emitter.onTermination(() -> {
                if (Vertx.currentContext() == context) {
                    exchange.abandon();
                } else {
                    context.runOnContext(v -> exchange.abandon());
                }
            });
            if (Vertx.currentContext() == context) {
                exchange.start(url);
            } else {
                context.runOnContext(v -> exchange.start(url));
            }
        }).onFailure(failure -> mayRetryClosed && failure instanceof HttpClosedException)
                // A pooled connection S3 had just closed: GET is idempotent, so one retry on a fresh connection.
                .recoverWithUni(failure -> send(context, url, object, range, false))
                .onFailure(failure -> failure instanceof HttpClosedException || failure instanceof java.io.IOException)
                .transform(StorageUnavailable::new);
    }

    /** One ranged GET: settles exactly once, and whatever arrives after that (a late answer) is reset. */
    private final class Exchange {
        private final ContextInternal context;
        private final Consumer<Body> onBody;
        private final Consumer<Throwable> onFailure;
        private final StoredObject object;
        private final ByteRange range;
        private boolean settled;
        private HttpClientRequest request;
        private ReceivedBody bytes;
        private long timer = -1;

        Exchange(ContextInternal context, Consumer<Body> onBody, Consumer<Throwable> onFailure, StoredObject object,
                 ByteRange range) {
            this.context = context;
            this.onBody = onBody;
            this.onFailure = onFailure;
            this.object = object;
            this.range = range;
        }

        void start(String url) {
            Duration timeout = config.s3FirstByteTimeout();
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                    .putHeader("Range", range.rangeHeader()).putHeader("If-Match", object.etag());
            timer = vertx.setTimer(timeout.toMillis(), id -> fail(new FirstByteTimeout(timeout)));
            client(context).request(options).onComplete(requested -> {
                if (requested.failed()) {
                    fail(requested.cause());
                    return;
                }
                request = requested.result();
                if (settled) {
                    request.reset();
                    return;
                }
                try {
                    bytes = BodyTap.arm(request, context);
                } catch (IllegalStateException e) {
                    request.reset();
                    fail(e);
                    return;
                }
                request.send().onComplete(answered -> {
                    if (answered.failed()) {
                        fail(answered.cause());
                    } else {
                        answered(answered.result());
                    }
                });
            });
        }

        private void answered(HttpClientResponse response) {
            // The bytes go through the tap, not Vert.x; paused anyway, so that nothing Vert.x might see is dropped.
            response.pause();
            // A body given up before a pump took it is reset, which Vert.x reports here (and logs as an error when
            // nothing listens); a pump sets its own handler.
            response.exceptionHandler(ignored -> { });
            if (settled) {
                bytes.discard();
                return;
            }
            String expected = range.contentRange(object.length());
            int status = response.statusCode();
            if (status == 206 && expected.equals(response.getHeader("Content-Range"))) {
                settle();
                onBody.accept(new Body(response, bytes));
            } else if (status == 412 || status == 404) {
                fail(new ObjectChanged());
            } else if (status >= 500) {
                fail(new StorageUnavailable(status));
            } else {
                fail(new UnexpectedResponse(status, "S3 answered " + status + " " + response.getHeader("Content-Range")
                        + " for " + expected));
            }
        }

        private void fail(Throwable failure) {
            if (!settled) {
                settle();
                giveUp();
                onFailure.accept(failure);
            }
        }

        /** The subscriber went away (cancelled) before an answer: whatever comes later is dropped. */
        void abandon() {
            if (!settled) {
                settle();
                giveUp();
            }
        }

        private void giveUp() {
            if (bytes != null) {
                bytes.discard();
            } else if (request != null) {
                request.reset();
            }
        }

        private void settle() {
            settled = true;
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
        }
    }

    void close(@Observes ShutdownEvent event) {
        clients.values().forEach(HttpClient::close);
    }
}
