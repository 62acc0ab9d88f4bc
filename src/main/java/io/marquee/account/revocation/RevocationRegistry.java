package io.marquee.account.revocation;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The accounts and logins whose access tokens must be refused, kept in memory on every instance so that checking a
 * token needs no database round trip. Fed by {@link RevocationFeed}.
 */
@ApplicationScoped
public class RevocationRegistry {

    private final Map<UUID, Instant> accounts = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> logins = new ConcurrentHashMap<>();

    public void apply(Revocation revocation) {
        Map<UUID, Instant> target = revocation.scope() == Revocation.Scope.ACCOUNT ? accounts : logins;
        Instant recordedAt = revocation.scope() == Revocation.Scope.LOGIN ? Instant.now() : revocation.notBefore();
        target.merge(revocation.id(), revocation.scope() == Revocation.Scope.LOGIN ? recordedAt : revocation.notBefore(),
                (a, b) -> a.isAfter(b) ? a : b);
    }

    public boolean isRevoked(UUID accountId, UUID loginId, Instant issuedAt) {
        Instant limit = accounts.get(accountId);
        return (limit != null && issuedAt.isBefore(limit)) || (loginId != null && logins.containsKey(loginId));
    }

    /** Forgets entries older than any token that could still be valid. */
    public void prune(Duration tokenLifetime) {
        Instant horizon = Instant.now().minus(tokenLifetime);
        accounts.values().removeIf(limit -> limit.isBefore(horizon));
        logins.values().removeIf(recorded -> recorded.isBefore(horizon));
    }
}
