package io.marquee.streaming;

import io.marquee.common.problem.Problem;
import io.marquee.common.problem.ProblemType;
import io.marquee.streaming.ByteResponder.Lookup;
import io.marquee.streaming.ByteResponder.Resource;
import io.marquee.streaming.GrantCheck.Refused;
import io.marquee.streaming.body.ByteBody;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code GET/HEAD /stream/{assetId}?token=} and {@code /artwork/{titleId}/{poster|backdrop}}: stored media objects
 * as they are, byte ranges straight from S3. The grant is checked without the database, metadata comes from a short
 * cache ({@link ObjectDirectory}), and {@link ByteResponder} answers.
 */
@ApplicationScoped
public class ByteRoutes {

    private static final Set<String> ARTWORK_KINDS = Set.of("poster", "backdrop");

    private final GrantCheck grants;
    private final ObjectDirectory directory;
    private final ByteResponder responder;
    private final StreamingConfig config;

    public ByteRoutes(GrantCheck grants, ObjectDirectory directory, ByteResponder responder, StreamingConfig config) {
        this.grants = grants;
        this.directory = directory;
        this.responder = responder;
        this.config = config;
    }

    void routes(@Observes Router router) {
        for (String path : new String[] {"/stream/:assetId", "/artwork/:titleId/:kind"}) {
            router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD)
                    .handler(path.startsWith("/stream") ? this::stream : this::artwork);
            router.route(path).method(HttpMethod.OPTIONS).handler(responder::preflight);
            router.route(path).handler(responder::methodNotAllowed);
        }
    }

    private void stream(RoutingContext ctx) {
        String assetId = ctx.pathParam("assetId");
        if (grants.check(ctx.request().getParam("token"), assetId) instanceof Refused refused) {
            responder.problem(ctx, "stream", refused.problem());
            return;
        }
        UUID id = GrantCheck.uuid(assetId).orElseThrow();
        responder.serve(ctx, "stream", stored(() -> directory.asset(id), config.cacheControl()));
    }

    private void artwork(RoutingContext ctx) {
        Optional<UUID> titleId = GrantCheck.uuid(ctx.pathParam("titleId"));
        String kind = ctx.pathParam("kind");
        if (titleId.isEmpty() || !ARTWORK_KINDS.contains(kind)) {
            responder.problem(ctx, "artwork", Problem.of(ProblemType.NOT_FOUND, "No such artwork."));
            return;
        }
        responder.serve(ctx, "artwork",
                stored(() -> directory.artwork(titleId.get(), kind), config.artworkCacheControl()));
    }

    /** A stored object served as it is, its metadata from the directory. */
    private Lookup stored(Supplier<Uni<Optional<StoredObject>>> find, String cacheControl) {
        return new Lookup() {
            private StoredObject found;

            @Override
            public Uni<Optional<Resource>> find() {
                return find.get().map(object -> object.map(o -> {
                    found = o;
                    return new Resource(o.etag(), o.lastModified(), o.contentType(), cacheControl, ByteBody.of(o));
                }));
            }

            @Override
            public void forget(Resource resource) {
                if (found != null) {
                    directory.forget(found);
                }
            }
        };
    }
}
