package io.marquee.account.revocation;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while this instance may not know every revocation (after a (re)connection of the listener, until the
 * reload of recent revocations succeeded): it could otherwise serve an ended stream or a revoked token.
 */
@Readiness
@ApplicationScoped
public class RevocationReadinessCheck implements HealthCheck {

    private final RevocationFeed feed;

    public RevocationReadinessCheck(RevocationFeed feed) {
        this.feed = feed;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("revocations").status(feed.isCurrent()).build();
    }
}
