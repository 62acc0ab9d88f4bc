package io.marquee.support;

import io.marquee.packaging.mp4.SourceSpan;
import io.marquee.streaming.ByteResponder;
import io.marquee.streaming.ByteResponder.Lookup;
import io.marquee.streaming.ByteResponder.Resource;
import io.marquee.streaming.ObjectDirectory;
import io.marquee.streaming.StoredObject;
import io.marquee.streaming.body.BodyPart;
import io.marquee.streaming.body.ByteBody;
import io.marquee.streaming.http.ByteRange;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Test-only byte route, as packaged segments will use the byte path: a header made in memory, then only some spans of
 * a stored asset ({@code GET /test-support/kept-spans/{assetId}?spans=OFFSET+LENGTH,...}), answered by
 * {@link ByteResponder}: one ranged GET keeping those spans, or with {@code &each=true} one GET per span, one after
 * the other. Exists only in the test application.
 */
@ApplicationScoped
public class KeptSpansRoute {

    public static final byte[] HEADER = "kept-spans header".getBytes(StandardCharsets.US_ASCII);

    private final ObjectDirectory directory;
    private final ByteResponder responder;

    public KeptSpansRoute(ObjectDirectory directory, ByteResponder responder) {
        this.directory = directory;
        this.responder = responder;
    }

    void routes(@Observes Router router) {
        router.route("/test-support/kept-spans/:assetId").method(HttpMethod.GET).handler(this::serve);
    }

    private static ByteBody body(StoredObject object, List<List<SourceSpan>> groups) {
        List<BodyPart> parts = new ArrayList<>();
        parts.add(new BodyPart.Bytes(HEADER));
        for (List<SourceSpan> spans : groups) {
            parts.add(new BodyPart.ObjectBytes(object,
                    new ByteRange(spans.get(0).offset(), spans.get(spans.size() - 1).end() - 1), spans));
        }
        return new ByteBody(parts);
    }

    /** {@code OFFSET+LENGTH,...} of the spans, in order. */
    public static String query(List<SourceSpan> spans) {
        List<String> parts = new ArrayList<>();
        for (SourceSpan span : spans) {
            parts.add(span.offset() + "+" + span.length());
        }
        return String.join(",", parts);
    }

    private void serve(RoutingContext ctx) {
        UUID assetId = UUID.fromString(ctx.pathParam("assetId"));
        List<SourceSpan> spans = new ArrayList<>();
        for (String span : ctx.request().getParam("spans").split(",")) {
            String[] offsetAndLength = span.split("\\+");
            spans.add(new SourceSpan(Long.parseLong(offsetAndLength[0]), Long.parseLong(offsetAndLength[1])));
        }
        boolean each = Boolean.parseBoolean(ctx.request().getParam("each"));
        List<List<SourceSpan>> groups = each ? spans.stream().map(List::of).toList() : List.of(spans);
        responder.serve(ctx, "test", new Lookup() {
            @Override
            public Uni<Optional<Resource>> find() {
                return directory.asset(assetId).map(found -> found.map(object -> new Resource(object.etag(),
                        object.lastModified(), "application/octet-stream", "no-store", body(object, groups))));
            }

            @Override
            public void forget(Resource resource) {
                directory.forget(assetId);
            }
        });
    }
}
