package io.marquee.media.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marquee.account.model.Account;
import io.marquee.common.CorrelationIds;
import io.marquee.common.problem.ApiException;
import io.marquee.common.problem.DependencyFailures;
import io.marquee.common.problem.Problem;
import io.marquee.common.problem.ProblemType;
import io.marquee.common.problem.ProblemWriter;
import io.marquee.media.ingest.IngestRefusal;
import io.marquee.media.model.MediaAsset;
import io.marquee.media.service.MediaAssets;
import io.marquee.media.service.MediaAssets.Owner;
import io.marquee.media.service.MediaIngest;
import io.marquee.media.service.MediaIngest.Slot;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The media upload endpoints. They are Vert.x routes rather than REST resources because the body must stream to S3
 * as it arrives (never held in memory, never limited to the JSON API's body size): they run before Quarkus' body size
 * limit and read the paused request with backpressure. Authentication is Quarkus security's, through the same bearer
 * token and identity (with its revocation check) as every other endpoint; errors are the same problem documents.
 */
@ApplicationScoped
public class MediaUploadRoutes {

    /** After authentication (-200) and authorization (-100), before the JSON API's body size limit (-2). */
    static final int ORDER = -50;
    private static final Logger LOG = Logger.getLogger(MediaUploadRoutes.class);
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");
    private static final long MAX_DRAINED = 64L * 1024 * 1024;
    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/webp");

    private final MediaIngest ingest;
    private final MediaAssets assets;
    private final ObjectMapper mapper;
    private final ProblemWriter problems;

    public MediaUploadRoutes(MediaIngest ingest, MediaAssets assets, ObjectMapper mapper, ProblemWriter problems) {
        this.ingest = ingest;
        this.assets = assets;
        this.mapper = mapper;
        this.problems = problems;
    }

    /** A body an upload answers with. */
    public record UploadedAsset(UUID assetId, long sizeBytes, String etag, String contentType) {
    }

    void register(@Observes Router router) {
        router.put("/api/v1/admin/titles/:titleId/media").order(ORDER).handler(ctx -> handle(ctx,
                c -> assets.titleOwner(uuid(c, "titleId")),
                c -> new Slot(MediaAsset.VIDEO, label(c), null, requireType(c, Set.of("video/mp4")))));
        router.put("/api/v1/admin/episodes/:episodeId/media").order(ORDER).handler(ctx -> handle(ctx,
                c -> assets.episodeOwner(uuid(c, "episodeId")),
                c -> new Slot(MediaAsset.VIDEO, label(c), null, requireType(c, Set.of("video/mp4")))));
        router.put("/api/v1/admin/titles/:titleId/subtitles/:language").order(ORDER).handler(ctx -> handle(ctx,
                c -> assets.titleOwner(uuid(c, "titleId")),
                c -> new Slot(MediaAsset.SUBTITLE, language(c), language(c), requireType(c, Set.of("text/vtt")))));
        router.put("/api/v1/admin/episodes/:episodeId/subtitles/:language").order(ORDER).handler(ctx -> handle(ctx,
                c -> assets.episodeOwner(uuid(c, "episodeId")),
                c -> new Slot(MediaAsset.SUBTITLE, language(c), language(c), requireType(c, Set.of("text/vtt")))));
        router.put("/api/v1/admin/titles/:titleId/artwork/:kind").order(ORDER).handler(ctx -> handle(ctx,
                c -> assets.titleOwner(uuid(c, "titleId")),
                c -> new Slot(artworkKind(c), artworkKind(c), null, requireType(c, IMAGE_TYPES))));
    }

    private void handle(RoutingContext ctx, Function<RoutingContext, Uni<Owner>> owner,
                        Function<RoutingContext, Slot> slot) {
        HttpServerRequest request = ctx.request();
        request.pause();
        Context context = Vertx.currentContext();
        authorize(ctx)
                .map(admin -> slot.apply(ctx))
                .chain(s -> owner.apply(ctx)
                        .emitOn(command -> context.runOnContext(v -> command.run()))
                        .chain(o -> {
                            if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
                                request.response().writeContinue();
                            }
                            return ingest.ingest(o, s, request, context);
                        }))
                .subscribe().with(asset -> created(ctx, asset), failure -> failed(ctx, failure));
    }

    private Uni<SecurityIdentity> authorize(RoutingContext ctx) {
        Uni<SecurityIdentity> deferred = ctx.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        if (deferred == null) {
            return Uni.createFrom().failure(ApiException.unauthorized("A valid access token is required."));
        }
        return deferred
                .onFailure(AuthenticationFailedException.class)
                .transform(e -> ApiException.unauthorized("A valid access token is required."))
                .map(identity -> {
                    if (identity == null || identity.isAnonymous()) {
                        throw ApiException.unauthorized("A valid access token is required.");
                    }
                    if (!identity.hasRole(Account.ROLE_ADMIN)) {
                        throw ApiException.forbidden(ProblemType.FORBIDDEN, "This account is not allowed to do that.");
                    }
                    return identity;
                });
    }

    private void created(RoutingContext ctx, MediaAsset asset) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(new UploadedAsset(asset.id, asset.sizeBytes, asset.etag, asset.contentType));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        response.setStatusCode(201).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(io.vertx.core.buffer.Buffer.buffer(json));
    }

    private void failed(RoutingContext ctx, Throwable failure) {
        Problem problem;
        Map<String, String> headers = Map.of();
        ApiException api = failure instanceof ApiException e ? e : null;
        if (api != null) {
            problem = api.problem();
            headers = api.headers();
        } else if (failure instanceof IngestRefusal refusal) {
            problem = Problem.of(refusal.reason() == IngestRefusal.Reason.WRONG_TYPE
                    ? ProblemType.UNSUPPORTED_MEDIA_TYPE : ProblemType.UNPROCESSABLE, refusal.getMessage());
        } else if (DependencyFailures.isUnavailable(failure)) {
            LOG.warnf("Upload failed, a dependency is unavailable: %s", DependencyFailures.describe(failure));
            problem = Problem.of(ProblemType.SERVICE_UNAVAILABLE,
                    "A service Marquee depends on is unavailable. Try again shortly.");
            headers = Map.of("Retry-After", "5");
        } else {
            String correlationId = CorrelationIds.of(ctx);
            LOG.errorf(failure, "Upload failed [correlationId=%s]", correlationId);
            problem = Problem.of(ProblemType.INTERNAL,
                    "Something went wrong on our side. Quote the correlation id when you report it.")
                    .withCorrelationId(correlationId);
        }
        if (!ctx.request().isEnded() && !ctx.response().ended() && !ctx.response().closed()) {
            drain(ctx.request());
        }
        problems.write(ctx, problem, api != null ? api.body() : problem, headers);
    }

    /**
     * Reads and drops the rest of a refused body, so a client still sending it gets the answer rather than a broken
     * pipe; a client that keeps sending past {@link #MAX_DRAINED} loses its connection instead.
     */
    private static void drain(HttpServerRequest request) {
        long[] drained = {0};
        request.handler(data -> {
            drained[0] += data.length();
            if (drained[0] > MAX_DRAINED) {
                request.connection().close();
            }
        });
        request.endHandler(v -> { });
        request.exceptionHandler(e -> { });
        request.resume();
    }

    private static UUID uuid(RoutingContext ctx, String name) {
        try {
            return UUID.fromString(ctx.pathParam(name));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("No such resource.");
        }
    }

    private static String label(RoutingContext ctx) {
        String label = ctx.request().getParam("label");
        if (label == null || !LABEL.matcher(label).matches()) {
            throw ApiException.validation("label", "must be 1 to 32 letters, digits, '.', '_' or '-', e.g. 1080p");
        }
        return label;
    }

    private static String language(RoutingContext ctx) {
        String language = ctx.pathParam("language");
        if (language == null || !LANGUAGE.matcher(language).matches()) {
            throw ApiException.validation("language", "must be a language tag such as en or pt-BR");
        }
        return language;
    }

    private static String artworkKind(RoutingContext ctx) {
        String kind = ctx.pathParam("kind");
        if (!MediaAsset.POSTER.equals(kind) && !MediaAsset.BACKDROP.equals(kind)) {
            throw ApiException.notFound("Artwork is poster or backdrop.");
        }
        return kind;
    }

    private static String requireType(RoutingContext ctx, Set<String> accepted) {
        String header = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        String type = header == null ? "" : header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!accepted.contains(type)) {
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be " + String.join(" or ", accepted.stream().sorted().toList()) + ".");
        }
        return type;
    }
}
