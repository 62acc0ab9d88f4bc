package io.marquee.account.revocation;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The accounts and logins whose access tokens must be refused, and the stream leases whose grants must be, kept in
 * memory on every instance so that checking a token or a grant needs no database round trip. Fed by
 * {@link RevocationFeed}.
 */
@ApplicationScoped
public class RevocationRegistry {

    private final Map<UUID, Instant> accounts = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> logins = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> leases = new ConcurrentHashMap<>();

    public void apply(Revocation revocation) {
        switch (revocation.scope()) {
            case ACCOUNT -> accounts.merge(revocation.id(), revocation.notBefore(), (a, b) -> a.isAfter(b) ? a : b);
            case LOGIN -> logins.putIfAbsent(revocation.id(), Instant.now());
            case LEASE -> leases.putIfAbsent(revocation.id(), Instant.now());
        }
    }

    public boolean isLeaseEnded(UUID leaseId) {
        return leases.containsKey(leaseId);
    }

    public boolean isRevoked(UUID accountId, UUID loginId, Instant issuedAt) {
        Instant limit = accounts.get(accountId);
        return (limit != null && issuedAt.isBefore(limit)) || (loginId != null && logins.containsKey(loginId));
    }

    /** Forgets entries older than any token or grant that could still be valid. */
    public void prune(Duration tokenLifetime, Duration grantLifetime) {
        Instant tokenHorizon = Instant.now().minus(tokenLifetime);
        accounts.values().removeIf(limit -> limit.isBefore(tokenHorizon));
        logins.values().removeIf(recorded -> recorded.isBefore(tokenHorizon));
        Instant grantHorizon = Instant.now().minus(grantLifetime);
        leases.values().removeIf(recorded -> recorded.isBefore(grantHorizon));
    }
}
