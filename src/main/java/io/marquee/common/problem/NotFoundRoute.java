package io.marquee.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Answers a request that no route, resource or static file took with the same problem+json 404 as the API. */
@ApplicationScoped
public class NotFoundRoute {

    private final byte[] body;

    public NotFoundRoute(ObjectMapper json) throws JsonProcessingException {
        this.body = json.writeValueAsBytes(Problem.of(ProblemType.NOT_FOUND, "No resource at this address."));
    }

    void register(@Observes Router router) {
        router.route().last().handler(ctx -> {
            if (ctx.response().ended() || ctx.response().headWritten()) {
                return;
            }
            ctx.response().setStatusCode(404).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length));
            if (ctx.request().method() == HttpMethod.HEAD) {
                ctx.response().end();
            } else {
                ctx.response().end(Buffer.buffer(body));
            }
        });
    }
}
