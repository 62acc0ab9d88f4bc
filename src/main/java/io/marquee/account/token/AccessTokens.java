package io.marquee.account.token;

import io.marquee.account.model.Account;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.UUID;

/** Signs short-lived ES256 access tokens for an account, optionally scoped to one of its profiles. */
@ApplicationScoped
public class AccessTokens {

    private final SigningKeys keys;
    private final TokenConfig config;

    public AccessTokens(SigningKeys keys, TokenConfig config) {
        this.keys = keys;
        this.config = config;
    }

    public String issue(Account account, UUID sessionId, UUID profileId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // Never before the account's revocation instant, or a token minted in that same second would be refused.
        Instant issuedAt = account.tokensValidAfter != null && account.tokensValidAfter.isAfter(now)
                ? account.tokensValidAfter : now;
        JwtClaimsBuilder claims = Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(account.id.toString())
                .groups(new HashSet<>(account.roles()))
                .issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(config.accessTokenLifetime()))
                .claim("jti", UUID.randomUUID().toString())
                .claim(TokenKeys.SESSION_CLAIM, sessionId.toString());
        if (profileId != null) {
            claims.claim(TokenKeys.PROFILE_CLAIM, profileId.toString());
        }
        return claims.jws().keyId(keys.keyId()).algorithm(SignatureAlgorithm.ES256).sign(keys.privateKey());
    }

    /** Reads the signing key at start, so a bad key stops startup instead of failing the first login. */
    void checkKey(@Observes StartupEvent event) {
        keys.keyId();
    }

    public long lifetimeSeconds() {
        return config.accessTokenLifetime().toSeconds();
    }
}
