package io.marquee.support;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test-only endpoint that fails unexpectedly, to prove a 500 leaks nothing. Exists only in the test application. */
@Path("/test-support/failure")
public class FailingResource {

    @GET
    @PermitAll
    public String fail() {
        throw new IllegalStateException("SECRET-INTERNAL-DETAIL from org.example.Internal at line 42");
    }
}
