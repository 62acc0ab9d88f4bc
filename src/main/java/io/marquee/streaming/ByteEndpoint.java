package io.marquee.streaming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.account.revocation.RevocationRegistry;
import io.marquee.common.problem.DependencyFailures;
import io.marquee.common.problem.Problem;
import io.marquee.common.problem.ProblemType;
import io.marquee.playback.grant.Grants;
import io.marquee.playback.grant.PlaybackGrant;
import io.marquee.streaming.S3RangeReader.ObjectChanged;
import io.marquee.streaming.S3RangeReader.StorageUnavailable;
import io.marquee.streaming.S3RangeReader.UnexpectedResponse;
import io.marquee.streaming.http.ByteRange;
import io.marquee.streaming.http.ByteRequest;
import io.marquee.streaming.http.ByteRequestDecision;
import io.marquee.streaming.http.ByteRequestEvaluator;
import io.marquee.streaming.http.HttpDates;
import io.marquee.streaming.http.MultipartByteranges;
import io.marquee.streaming.http.Representation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code GET/HEAD /stream/{assetId}?token=} and {@code /artwork/{titleId}/{poster|backdrop}}: byte ranges of media
 * objects straight from S3. The grant is checked without the database, metadata comes from a short cache, Range and
 * the conditionals are decided locally (RANGE-RULES.md), and only then one exact ranged GET goes to S3 per part.
 */
@ApplicationScoped
public class ByteEndpoint {

    private static final Logger LOG = Logger.getLogger(ByteEndpoint.class);
    private static final Set<String> ARTWORK_KINDS = Set.of("poster", "backdrop");
    private static final String ALLOWED_METHODS = "GET, HEAD, OPTIONS";
    private static final String REQUEST_HEADERS = "Range, If-Range, If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since";
    private static final String EXPOSED_HEADERS = "Content-Range, Content-Length, Accept-Ranges, ETag, Last-Modified";

    private final Grants grants;
    private final RevocationRegistry revocations;
    private final ObjectDirectory directory;
    private final S3RangeReader reader;
    private final StreamingConfig config;
    private final StreamMetrics metrics;
    private final ObjectMapper json;

    public ByteEndpoint(Grants grants, RevocationRegistry revocations, ObjectDirectory directory, S3RangeReader reader,
                        StreamingConfig config, StreamMetrics metrics, ObjectMapper json) {
        this.grants = grants;
        this.revocations = revocations;
        this.directory = directory;
        this.reader = reader;
        this.config = config;
        this.metrics = metrics;
        this.json = json;
    }

    void routes(@Observes Router router) {
        router.route("/stream/:assetId").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::stream);
        router.route("/artwork/:titleId/:kind").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::artwork);
        router.route("/stream/:assetId").method(HttpMethod.OPTIONS).handler(this::preflight);
        router.route("/artwork/:titleId/:kind").method(HttpMethod.OPTIONS).handler(this::preflight);
        router.route("/stream/:assetId").handler(this::methodNotAllowed);
        router.route("/artwork/:titleId/:kind").handler(this::methodNotAllowed);
    }

    private void stream(RoutingContext ctx) {
        Optional<UUID> assetId = uuid(ctx.pathParam("assetId"));
        Optional<PlaybackGrant> grant = grants.verify(ctx.request().getParam("token"));
        if (grant.isEmpty() || !Instant.now().isBefore(grant.get().expiresAt())) {
            problem(ctx, "stream", Problem.of(ProblemType.UNAUTHORIZED,
                    "A valid playback grant is required: start playback to get stream URLs."));
        } else if (assetId.isEmpty() || !grant.get().assetIds().contains(assetId.get())) {
            problem(ctx, "stream", Problem.of(ProblemType.FORBIDDEN, "This grant does not open this asset."));
        } else if (revocations.isLeaseEnded(grant.get().leaseId())) {
            problem(ctx, "stream", Problem.of(ProblemType.FORBIDDEN, "This stream has ended."));
        } else {
            serve(ctx, "stream", config.cacheControl(), () -> directory.asset(assetId.get()), true);
        }
    }

    private void artwork(RoutingContext ctx) {
        Optional<UUID> titleId = uuid(ctx.pathParam("titleId"));
        String kind = ctx.pathParam("kind");
        if (titleId.isEmpty() || !ARTWORK_KINDS.contains(kind)) {
            problem(ctx, "artwork", Problem.of(ProblemType.NOT_FOUND, "No such artwork."));
        } else {
            serve(ctx, "artwork", config.artworkCacheControl(), () -> directory.artwork(titleId.get(), kind), true);
        }
    }

    private void serve(RoutingContext ctx, String endpoint, String cacheControl,
                       Supplier<Uni<Optional<StoredObject>>> lookup, boolean mayRetry) {
        Context context = ctx.vertx().getOrCreateContext();
        lookup.get().subscribe().with(
                found -> context.runOnContext(v -> {
                    if (found.isEmpty()) {
                        problem(ctx, endpoint, Problem.of(ProblemType.NOT_FOUND, "No such media object."));
                    } else {
                        respond(ctx, endpoint, cacheControl, found.get(), () -> {
                            directory.forget(found.get());
                            if (mayRetry) {
                                serve(ctx, endpoint, cacheControl, lookup, false);
                            } else {
                                problem(ctx, endpoint, Problem.of(ProblemType.SERVICE_UNAVAILABLE,
                                        "The media object is being replaced. Try again shortly."), "Retry-After", "2");
                            }
                        });
                    }
                }),
                failure -> context.runOnContext(v -> failedBeforeHeaders(ctx, endpoint, failure)));
    }

    private void respond(RoutingContext ctx, String endpoint, String cacheControl, StoredObject object,
                         Runnable onObjectChanged) {
        ByteRequest request = ByteRequest.of(ctx.request().method().name(), name -> ctx.request().headers().getAll(name));
        ByteRequestDecision decision = ByteRequestEvaluator.evaluate(request,
                Representation.of(object.etag(), object.lastModified(), object.length()));
        HttpServerResponse response = ctx.response();
        validatorHeaders(ctx, object, cacheControl);
        if (decision instanceof ByteRequestDecision.NotModified) {
            metrics.response(endpoint, 304);
            response.setStatusCode(304).end();
        } else if (decision instanceof ByteRequestDecision.PreconditionFailed) {
            problem(ctx, endpoint,
                    Problem.of(ProblemType.PRECONDITION_FAILED, "The object does not match the request's preconditions."));
        } else if (decision instanceof ByteRequestDecision.BadRequest) {
            problem(ctx, endpoint, Problem.of(ProblemType.MALFORMED_REQUEST, "Send at most one Range header."));
        } else if (decision instanceof ByteRequestDecision.RangeNotSatisfiable unsatisfiable) {
            problem(ctx, endpoint, Problem.of(ProblemType.RANGE_NOT_SATISFIABLE, "The requested range is not satisfiable for "
                    + object.length() + " bytes."), "Content-Range", unsatisfiable.contentRange());
        } else if (decision instanceof ByteRequestDecision.Partial partial) {
            response.putHeader("Content-Range", partial.range().contentRange(object.length()));
            send(ctx, endpoint, object, 206, List.of(partial.range()), null, onObjectChanged);
        } else if (decision instanceof ByteRequestDecision.Multipart multipart) {
            send(ctx, endpoint, object, 206, multipart.ranges(),
                    MultipartByteranges.withRandomBoundary(multipart.ranges(), object.length(), object.contentType()),
                    onObjectChanged);
        } else {
            send(ctx, endpoint, object, 200,
                    object.length() == 0 ? List.of() : List.of(new ByteRange(0, object.length() - 1)), null,
                    onObjectChanged);
        }
    }

    private void send(RoutingContext ctx, String endpoint, StoredObject object, int status, List<ByteRange> ranges,
                      MultipartByteranges multipart, Runnable onObjectChanged) {
        HttpServerResponse response = ctx.response();
        long length = multipart != null ? multipart.contentLength() : ranges.stream().mapToLong(ByteRange::length).sum();
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, multipart != null ? multipart.contentType() : object.contentType())
                .putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(length));
        if (ctx.request().method() == HttpMethod.HEAD || ranges.isEmpty()) {
            metrics.response(endpoint, status);
            response.end();
            return;
        }
        if (metrics.activeStreams().incrementAndGet() > config.maxConcurrentStreams()) {
            metrics.activeStreams().decrementAndGet();
            response.headers().remove("Content-Range");
            problem(ctx, endpoint, Problem.of(ProblemType.SERVICE_UNAVAILABLE,
                    "This server is streaming to as many clients as it can. Try again shortly."), "Retry-After", "5");
            return;
        }
        new Transfer(ctx, endpoint, object, ranges, multipart, onObjectChanged).next(0);
    }

    /** The body of one response: its ranges read from S3 one after the other, framed when multipart. */
    private final class Transfer {
        private final RoutingContext ctx;
        private final String endpoint;
        private final StoredObject object;
        private final List<ByteRange> ranges;
        private final MultipartByteranges multipart;
        private final Runnable onObjectChanged;
        private final Context context;
        private BodyPump pump;
        private boolean finished;

        Transfer(RoutingContext ctx, String endpoint, StoredObject object, List<ByteRange> ranges,
                 MultipartByteranges multipart, Runnable onObjectChanged) {
            this.ctx = ctx;
            this.endpoint = endpoint;
            this.object = object;
            this.ranges = ranges;
            this.multipart = multipart;
            this.onObjectChanged = onObjectChanged;
            this.context = ctx.vertx().getOrCreateContext();
            ctx.response().closeHandler(v -> abort());
            ctx.response().exceptionHandler(e -> abort());
        }

        void next(int index) {
            if (index == ranges.size()) {
                if (multipart != null) {
                    ctx.response().write(Buffer.buffer(multipart.closingDelimiterBytes()));
                }
                finish();
                metrics.response(endpoint, ctx.response().getStatusCode());
                ctx.response().end();
                return;
            }
            ByteRange range = ranges.get(index);
            long started = System.nanoTime();
            reader.open(object, range).subscribe().with(
                    body -> onContext(() -> {
                        metrics.firstByte(Duration.ofNanos(System.nanoTime() - started));
                        if (finished) {
                            body.discard();
                            return;
                        }
                        if (multipart != null) {
                            ctx.response().write(Buffer.buffer(multipart.parts().get(index).headerBytes()));
                        }
                        pump = new BodyPump(body, ctx.response(), ctx.vertx(), range.length(), config.s3ReadTimeout(),
                                metrics::bytes);
                        metrics.s3BodyOpened();
                        Future<Void> done = pump.start();
                        done.onComplete(result -> metrics.s3BodyClosed());
                        done.onSuccess(ok -> next(index + 1)).onFailure(this::failed);
                    }),
                    failure -> onContext(() -> failed(failure)));
        }

        /** Runs on this request's context: directly when already there (the usual case), else by a hop. */
        private void onContext(Runnable action) {
            if (Vertx.currentContext() == context) {
                action.run();
            } else {
                context.runOnContext(v -> action.run());
            }
        }

        private void failed(Throwable failure) {
            if (finished) {
                return;
            }
            if (!ctx.response().headWritten()) {
                finish();
                ctx.response().headers().remove("Content-Range").remove(HttpHeaders.CONTENT_LENGTH);
                if (failure instanceof ObjectChanged) {
                    onObjectChanged.run();
                } else {
                    failedBeforeHeaders(ctx, endpoint, failure);
                }
                return;
            }
            // The status line and Content-Length are out: only a reset keeps a short body from looking complete.
            finish();
            metrics.s3Error("mid-body");
            LOG.warnf("Stream of asset %s cut mid-body: %s", object.assetId(), DependencyFailures.describe(failure));
            ctx.response().reset();
        }

        private void abort() {
            if (!finished) {
                finish();
                if (pump != null) {
                    pump.cancel();
                }
            }
        }

        private void finish() {
            if (!finished) {
                finished = true;
                metrics.activeStreams().decrementAndGet();
            }
        }
    }

    private void failedBeforeHeaders(RoutingContext ctx, String endpoint, Throwable failure) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        if (isTimeout(failure)) {
            metrics.s3Error("first-byte-timeout");
            problem(ctx, endpoint, Problem.of(ProblemType.GATEWAY_TIMEOUT, "Storage did not answer in time."),
                    "Retry-After", "2");
        } else if (failure instanceof CircuitBreakerOpenException || failure instanceof StorageUnavailable
                || DependencyFailures.isUnavailable(failure)) {
            metrics.s3Error("unavailable");
            problem(ctx, endpoint, Problem.of(ProblemType.SERVICE_UNAVAILABLE, "Storage is unavailable. Try again shortly."),
                    "Retry-After", "5");
        } else {
            metrics.s3Error(failure instanceof UnexpectedResponse ? "unexpected-response" : "other");
            LOG.warnf("Storage failure before headers: %s", DependencyFailures.describe(failure));
            problem(ctx, endpoint, Problem.of(ProblemType.BAD_GATEWAY, "Storage answered unexpectedly."));
        }
    }

    private static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException || t instanceof io.smallrye.mutiny.TimeoutException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof io.netty.handler.timeout.ReadTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private void validatorHeaders(RoutingContext ctx, StoredObject object, String cacheControl) {
        HttpServerResponse response = ctx.response();
        response.putHeader("Accept-Ranges", "bytes")
                .putHeader(HttpHeaders.ETAG, object.etag())
                .putHeader(HttpHeaders.LAST_MODIFIED, HttpDates.format(object.lastModified()))
                .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
        securityHeaders(ctx);
    }

    private void securityHeaders(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        response.putHeader("Referrer-Policy", "no-referrer").putHeader("X-Content-Type-Options", "nosniff");
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        response.putHeader(HttpHeaders.VARY, "Origin");
        if (origin != null && config.corsOrigins().map(origins -> origins.contains(origin) || origins.contains("*")).orElse(false)) {
            response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        }
    }

    private void preflight(RoutingContext ctx) {
        securityHeaders(ctx);
        if (ctx.response().headers().contains(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)) {
            ctx.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, REQUEST_HEADERS)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
        }
        ctx.response().putHeader(HttpHeaders.ALLOW, ALLOWED_METHODS).setStatusCode(204).end();
    }

    private void methodNotAllowed(RoutingContext ctx) {
        problem(ctx, "other", Problem.of(ProblemType.METHOD_NOT_ALLOWED, "Byte endpoints answer GET and HEAD."),
                HttpHeaders.ALLOW.toString(), ALLOWED_METHODS);
    }

    private void problem(RoutingContext ctx, String endpoint, Problem problem, String... headers) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            response.reset();
            return;
        }
        securityHeaders(ctx);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            response.putHeader(headers[i], headers[i + 1]);
        }
        metrics.response(endpoint, problem.status());
        try {
            byte[] body = json.writeValueAsBytes(problem);
            response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length));
            if (ctx.request().method() == HttpMethod.HEAD) {
                response.end();
            } else {
                response.end(Buffer.buffer(body));
            }
        } catch (JsonProcessingException e) {
            response.setStatusCode(problem.status()).end();
        }
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
