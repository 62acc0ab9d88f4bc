package io.marquee.common;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.logging.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id, whatever answers it (JAX-RS resources, upload routes, byte endpoints, static
 * files, {@code /q/*}, the not-found route): the caller's {@code X-Request-Id} when it is a sane token, else a new
 * one. A Vert.x handler ahead of every other route echoes it in the response, puts it in the logging context and
 * replaces the request's header with it, so every layer reads the same well-formed id from the request.
 */
@ApplicationScoped
public class CorrelationIds {

    public static final String HEADER = "X-Request-Id";
    /** Ahead of every route, the shutdown gate included, so even a refusal carries the id. */
    public static final int ORDER = Integer.MIN_VALUE;
    static final String MDC_KEY = "correlationId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::assign);
    }

    private void assign(RoutingContext ctx) {
        String id = accepted(ctx.request().getHeader(HEADER));
        ctx.request().headers().set(HEADER, id);
        ctx.response().putHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        ctx.next();
    }

    /** The offered id when it is 8 to 128 letters, digits, '.', '_', ':' or '-'; otherwise a new one. */
    public static String accepted(String offered) {
        return offered != null && SAFE.matcher(offered).matches() ? offered : newId();
    }

    public static String of(RoutingContext ctx) {
        return accepted(ctx.request().getHeader(HEADER));
    }

    public static String of(ContainerRequestContext request) {
        return accepted(request.getHeaderString(HEADER));
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
