package io.marquee.account;

import io.marquee.account.token.TokenKeys;
import io.marquee.common.problem.ApiException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.UUID;

/** Who is calling: the account, login and (when selected) profile named by the verified access token. */
@RequestScoped
public class Caller {

    private final JsonWebToken token;

    public Caller(JsonWebToken token) {
        this.token = token;
    }

    public UUID accountId() {
        return uuid(token.getSubject());
    }

    public UUID sessionId() {
        return uuid(token.getClaim(TokenKeys.SESSION_CLAIM));
    }

    public Optional<UUID> profileId() {
        Object claim = token.getClaim(TokenKeys.PROFILE_CLAIM);
        return claim == null ? Optional.empty() : Optional.of(uuid(claim.toString()));
    }

    private static UUID uuid(Object value) {
        try {
            return UUID.fromString(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized("The access token is not valid.");
        }
    }
}
