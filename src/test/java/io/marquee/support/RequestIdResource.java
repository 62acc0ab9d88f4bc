package io.marquee.support;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.jboss.logging.MDC;

/** Test-only endpoint answering the correlation id the logging context holds while it runs. */
@Path("/test-support/logged-request-id")
public class RequestIdResource {

    @GET
    @PermitAll
    @Path("/blocking")
    public String blocking() {
        return String.valueOf(MDC.get("correlationId"));
    }

    @GET
    @PermitAll
    @Path("/reactive")
    public Uni<String> reactive() {
        return Uni.createFrom().item(() -> String.valueOf(MDC.get("correlationId")));
    }
}
