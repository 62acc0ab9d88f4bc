package io.marquee.account.revocation;

import io.marquee.account.token.TokenKeys;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.UUID;

/** Refuses a verified access token whose login has ended, or whose account was signed out everywhere or disabled. */
@ApplicationScoped
public class RevocationCheck implements SecurityIdentityAugmentor {

    private final RevocationRegistry registry;

    public RevocationCheck(RevocationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        try {
            UUID account = UUID.fromString(token.getSubject());
            UUID login = UUID.fromString(String.valueOf(token.<Object>getClaim(TokenKeys.SESSION_CLAIM)));
            if (registry.isRevoked(account, login, Instant.ofEpochSecond(token.getIssuedAtTime()))) {
                return Uni.createFrom().failure(new AuthenticationFailedException("Token revoked"));
            }
            return Uni.createFrom().item(identity);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Malformed subject"));
        }
    }
}
