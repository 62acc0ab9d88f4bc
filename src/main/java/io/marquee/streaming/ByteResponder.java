package io.marquee.streaming;

import io.marquee.common.problem.DependencyFailures;
import io.marquee.common.problem.Problem;
import io.marquee.common.problem.ProblemType;
import io.marquee.common.problem.ProblemWriter;
import io.marquee.streaming.S3RangeReader.ObjectChanged;
import io.marquee.streaming.S3RangeReader.StorageUnavailable;
import io.marquee.streaming.S3RangeReader.UnexpectedResponse;
import io.marquee.streaming.body.BodyPart;
import io.marquee.streaming.body.ByteBody;
import io.marquee.streaming.http.ByteRange;
import io.marquee.streaming.http.ByteRequest;
import io.marquee.streaming.http.ByteRequestDecision;
import io.marquee.streaming.http.ByteRequestEvaluator;
import io.marquee.streaming.http.HttpDates;
import io.marquee.streaming.http.MultipartByteranges;
import io.marquee.streaming.http.Representation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers GET and HEAD of a byte resource the way docs/RANGE-RULES.md says: conditionals and Range decided locally
 * against the resource's validators, then the head, then the body's parts for the chosen ranges (see {@link Transfer}).
 * Every byte route (stored objects, packaged segments, manifests) answers through here, so they share one framing.
 */
@ApplicationScoped
public class ByteResponder {

    private static final Logger LOG = Logger.getLogger(ByteResponder.class);
    private static final long UNAVAILABLE_WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    public static final String ALLOWED_METHODS = "GET, HEAD, OPTIONS";
    private static final String REQUEST_HEADERS =
            "Range, If-Range, If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since";
    private static final String EXPOSED_HEADERS = "Content-Range, Content-Length, Accept-Ranges, ETag, Last-Modified";

    private final S3RangeReader reader;
    private final StreamingConfig config;
    private final StreamMetrics metrics;
    private final StreamAdmission admission;
    private final StallWatch stallWatch;
    private final ProblemWriter problems;
    private final AtomicLong lastUnavailableWarning =
            new AtomicLong(System.nanoTime() - UNAVAILABLE_WARNING_INTERVAL_NANOS);

    public ByteResponder(S3RangeReader reader, StreamingConfig config, StreamMetrics metrics,
                         StreamAdmission admission, StallWatch stallWatch, ProblemWriter problems) {
        this.reader = reader;
        this.stallWatch = stallWatch;
        this.config = config;
        this.metrics = metrics;
        this.admission = admission;
        this.problems = problems;
    }

    /**
     * A representation as a byte route serves it.
     *
     * @param etag strong, quoted, the same on every instance
     */
    public record Resource(String etag, Instant lastModified, String contentType, String cacheControl, ByteBody body) {
    }

    /** Finds a request's resource, and forgets what it cached of it when S3 says the object behind it changed. */
    public interface Lookup {
        Uni<Optional<Resource>> find();

        void forget(Resource resource);
    }

    /**
     * Looks the resource up and answers; when S3 says an object changed after its metadata was cached, forgets it and
     * looks up once more before giving up with a 503.
     */
    public void serve(RoutingContext ctx, String endpoint, Lookup lookup) {
        serve(ctx, endpoint, lookup, true);
    }

    private void serve(RoutingContext ctx, String endpoint, Lookup lookup, boolean mayRetry) {
        Context context = ctx.vertx().getOrCreateContext();
        lookup.find().subscribe().with(
                found -> context.runOnContext(v -> {
                    if (found.isEmpty()) {
                        problem(ctx, endpoint, Problem.of(ProblemType.NOT_FOUND, "No such media object."));
                        return;
                    }
                    respond(ctx, endpoint, found.get(), () -> {
                        lookup.forget(found.get());
                        if (mayRetry) {
                            serve(ctx, endpoint, lookup, false);
                        } else {
                            problem(ctx, endpoint, Problem.of(ProblemType.SERVICE_UNAVAILABLE,
                                    "The media object is being replaced. Try again shortly."), "Retry-After", "2");
                        }
                    });
                }),
                failure -> context.runOnContext(v -> failedBeforeHeaders(ctx, endpoint, failure)));
    }

    /** Answers with a resource already at hand; {@code onObjectChanged} runs if S3 says an object behind it changed. */
    public void respond(RoutingContext ctx, String endpoint, Resource resource, Runnable onObjectChanged) {
        ByteBody body = resource.body();
        long length = body.length();
        ByteRequest request = ByteRequest.of(ctx.request().method().name(), name -> ctx.request().headers().getAll(name));
        ByteRequestDecision decision = ByteRequestEvaluator.evaluate(request,
                Representation.of(resource.etag(), resource.lastModified(), length));
        HttpServerResponse response = ctx.response();
        response.putHeader("Accept-Ranges", "bytes")
                .putHeader(HttpHeaders.ETAG, resource.etag())
                .putHeader(HttpHeaders.LAST_MODIFIED, HttpDates.format(resource.lastModified()))
                .putHeader(HttpHeaders.CACHE_CONTROL, resource.cacheControl());
        securityHeaders(ctx);
        if (decision instanceof ByteRequestDecision.NotModified) {
            metrics.response(endpoint, 304);
            response.setStatusCode(304).end();
        } else if (decision instanceof ByteRequestDecision.PreconditionFailed) {
            problem(ctx, endpoint, Problem.of(ProblemType.PRECONDITION_FAILED,
                    "The object does not match the request's preconditions."));
        } else if (decision instanceof ByteRequestDecision.BadRequest) {
            problem(ctx, endpoint, Problem.of(ProblemType.MALFORMED_REQUEST, "Send at most one Range header."));
        } else if (decision instanceof ByteRequestDecision.RangeNotSatisfiable unsatisfiable) {
            problem(ctx, endpoint, Problem.of(ProblemType.RANGE_NOT_SATISFIABLE,
                    "The requested range is not satisfiable for " + length + " bytes."),
                    "Content-Range", unsatisfiable.contentRange());
        } else if (decision instanceof ByteRequestDecision.Partial partial) {
            response.putHeader("Content-Range", partial.range().contentRange(length));
            send(ctx, endpoint, 206, resource.contentType(), partial.range().length(), body.slice(partial.range()),
                    onObjectChanged);
        } else if (decision instanceof ByteRequestDecision.Multipart multipart) {
            MultipartByteranges framing = MultipartByteranges.withRandomBoundary(multipart.ranges(), length,
                    resource.contentType());
            List<BodyPart> parts = new ArrayList<>();
            for (MultipartByteranges.Part part : framing.parts()) {
                parts.add(new BodyPart.Bytes(part.headerBytes()));
                parts.addAll(body.slice(part.range()));
            }
            parts.add(new BodyPart.Bytes(framing.closingDelimiterBytes()));
            send(ctx, endpoint, 206, framing.contentType(), framing.contentLength(), parts, onObjectChanged);
        } else {
            send(ctx, endpoint, 200, resource.contentType(), length,
                    length == 0 ? List.of() : body.slice(new ByteRange(0, length - 1)), onObjectChanged);
        }
    }

    private void send(RoutingContext ctx, String endpoint, int status, String contentType, long contentLength,
                      List<BodyPart> parts, Runnable onObjectChanged) {
        HttpServerResponse response = ctx.response();
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(contentLength));
        if (ctx.request().method() == HttpMethod.HEAD || parts.isEmpty()) {
            metrics.response(endpoint, status);
            response.end();
            return;
        }
        boolean readsStorage = parts.stream().anyMatch(part -> part instanceof BodyPart.ObjectBytes);
        if (readsStorage && !admission.admit()) {
            response.headers().remove("Content-Range");
            problem(ctx, endpoint, Problem.of(ProblemType.SERVICE_UNAVAILABLE,
                    "This server is streaming to as many clients as it can. Try again shortly."), "Retry-After", "5");
            return;
        }
        new Transfer(ctx, endpoint, parts, reader, metrics, stallWatch,
                readsStorage ? admission::release : () -> { },
                failure -> {
                    if (failure instanceof ObjectChanged) {
                        onObjectChanged.run();
                    } else {
                        failedBeforeHeaders(ctx, endpoint, failure);
                    }
                }).start();
    }

    /** Maps a storage failure that happened before any of the answer was written. */
    public void failedBeforeHeaders(RoutingContext ctx, String endpoint, Throwable failure) {
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
            warnUnavailable(endpoint, failure);
            problem(ctx, endpoint, Problem.of(ProblemType.SERVICE_UNAVAILABLE,
                    "Storage is unavailable. Try again shortly."), "Retry-After", "5");
        } else {
            metrics.s3Error(failure instanceof UnexpectedResponse ? "unexpected-response" : "other");
            LOG.warnf("Storage failure before headers: %s", DependencyFailures.describe(failure));
            problem(ctx, endpoint, Problem.of(ProblemType.BAD_GATEWAY, "Storage answered unexpectedly."));
        }
    }

    /**
     * Names the cause of storage being unavailable (S3 down, refused, or its certificate not trusted), at most once per
     * {@link #UNAVAILABLE_WARNING_INTERVAL_NANOS}: in an outage every stream fails, and {@code marquee_s3_errors_total}
     * counts them all. An open breaker is the consequence of such failures, not a cause, and is only counted.
     */
    private void warnUnavailable(String endpoint, Throwable failure) {
        if (failure instanceof CircuitBreakerOpenException) {
            return;
        }
        long now = System.nanoTime();
        long last = lastUnavailableWarning.get();
        if (now - last >= UNAVAILABLE_WARNING_INTERVAL_NANOS && lastUnavailableWarning.compareAndSet(last, now)) {
            LOG.warnf("Storage unavailable for %s: %s (more within 10 s are only counted in marquee_s3_errors_total)",
                    endpoint, DependencyFailures.describe(failure));
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

    /** Referrer-Policy, nosniff, and CORS for the configured player origins: on every byte response. */
    public void securityHeaders(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        response.putHeader("Referrer-Policy", "no-referrer").putHeader("X-Content-Type-Options", "nosniff");
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        response.putHeader(HttpHeaders.VARY, "Origin");
        if (origin != null && config.corsOrigins()
                .map(origins -> origins.contains(origin) || origins.contains("*")).orElse(false)) {
            response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        }
    }

    /** A CORS preflight of a byte route. */
    public void preflight(RoutingContext ctx) {
        securityHeaders(ctx);
        if (ctx.response().headers().contains(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)) {
            ctx.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, REQUEST_HEADERS)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
        }
        ctx.response().putHeader(HttpHeaders.ALLOW, ALLOWED_METHODS).setStatusCode(204).end();
    }

    public void methodNotAllowed(RoutingContext ctx) {
        problem(ctx, "other", Problem.of(ProblemType.METHOD_NOT_ALLOWED, "Byte endpoints answer GET and HEAD."),
                HttpHeaders.ALLOW.toString(), ALLOWED_METHODS);
    }

    /** A problem answer with the byte routes' security headers, counted under {@code endpoint}. */
    public void problem(RoutingContext ctx, String endpoint, Problem problem, String... headers) {
        securityHeaders(ctx);
        Map<String, String> extra = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            extra.put(headers[i], headers[i + 1]);
        }
        metrics.response(endpoint, problem.status());
        problems.write(ctx, problem, extra);
    }
}
