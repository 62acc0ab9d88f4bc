package io.marquee.account.revocation;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One revocation as it travels between instances: every access token of an account issued before an instant, every
 * access token of one login, or every playback grant of one stream lease. Payload
 * {@code A;<accountId>;<epochSecond|disabled>}, {@code L;<loginId>} or {@code S;<leaseId>}.
 */
public record Revocation(Scope scope, UUID id, Instant notBefore) {

    public static final String CHANNEL = "marquee_token_revocations";
    private static final String FOREVER = "disabled";

    public enum Scope { ACCOUNT, LOGIN, LEASE }

    public static Revocation accountBefore(UUID accountId, Instant instant) {
        return new Revocation(Scope.ACCOUNT, accountId, instant);
    }

    public static Revocation accountDisabled(UUID accountId) {
        return new Revocation(Scope.ACCOUNT, accountId, Instant.MAX);
    }

    public static Revocation login(UUID loginId) {
        return new Revocation(Scope.LOGIN, loginId, Instant.MAX);
    }

    public static Revocation lease(UUID leaseId) {
        return new Revocation(Scope.LEASE, leaseId, Instant.MAX);
    }

    public String payload() {
        return scope == Scope.LEASE ? "S;" + id : scope == Scope.LOGIN ? "L;" + id
                : "A;" + id + ";" + (Instant.MAX.equals(notBefore) ? FOREVER : Long.toString(notBefore.getEpochSecond()));
    }

    public static Optional<Revocation> parse(String payload) {
        try {
            String[] parts = payload.split(";", 3);
            UUID id = UUID.fromString(parts[1]);
            if ("L".equals(parts[0])) {
                return Optional.of(login(id));
            }
            if ("S".equals(parts[0])) {
                return Optional.of(lease(id));
            }
            if ("A".equals(parts[0])) {
                return Optional.of(FOREVER.equals(parts[2]) ? accountDisabled(id)
                        : accountBefore(id, Instant.ofEpochSecond(Long.parseLong(parts[2]))));
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
