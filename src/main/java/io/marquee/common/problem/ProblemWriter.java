package io.marquee.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * Writes every problem response, for the JAX-RS exception mappers and for the Vert.x routes alike: one serialisation,
 * one media type, the same headers, so an error reads the same whichever layer answered it. The request id header is
 * set on every response before any route runs ({@link io.marquee.common.CorrelationIds}).
 */
@ApplicationScoped
public class ProblemWriter {

    private final ObjectMapper json;

    public ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    /** The bytes of a problem document, or of an extended one (a record with the standard members and more). */
    public byte[] serialise(Object document) {
        try {
            return json.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem document could not be serialised", e);
        }
    }

    /** The JAX-RS answer: status, problem media type, the given headers and the serialised document. */
    public Response response(Problem problem, Object document, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                .entity(serialise(document));
        headers.forEach(builder::header);
        return builder.build();
    }

    public Response response(Problem problem, Map<String, String> headers) {
        return response(problem, problem, headers);
    }

    /**
     * Answers a Vert.x route with the problem; a HEAD request gets the same status and headers without the body. Once
     * the head of another answer has left, no problem can follow, so the connection is reset instead.
     */
    public void write(RoutingContext ctx, Problem problem, Object document, Map<String, String> headers) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        byte[] body = serialise(document);
        headers.forEach(response::putHeader);
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length));
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.end();
        } else {
            response.end(Buffer.buffer(body));
        }
    }

    public void write(RoutingContext ctx, Problem problem, Map<String, String> headers) {
        write(ctx, problem, problem, headers);
    }

    public void write(RoutingContext ctx, Problem problem) {
        write(ctx, problem, problem, Map.of());
    }
}
