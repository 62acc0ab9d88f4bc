package io.marquee.account.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Typed;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;

/**
 * Remembers access tokens whose ES256 signature and claims were already verified, so a client's next requests with
 * the same token skip the signature check (it was most of the CPU of a catalog request). The key is the whole token,
 * so only a byte-identical token that this instance verified itself is ever a hit; expiry is checked again on every
 * hit, and revocation is untouched: {@code RevocationCheck} still runs on every request.
 */
@Alternative
@Priority(1)
@ApplicationScoped
@Typed(JWTParser.class)
public class VerifiedTokenCache extends DefaultJWTParser {

    private static final Duration REMEMBER = Duration.ofMinutes(2);

    private final long clockSkewSeconds;
    private final Cache<String, JsonWebToken> verified;

    public VerifiedTokenCache(JWTAuthContextInfo verification, TokenConfig config) {
        super(verification);
        this.clockSkewSeconds = config.clockSkew().toSeconds();
        this.verified = Caffeine.newBuilder().expireAfterWrite(REMEMBER).maximumSize(config.verifiedTokenCacheSize())
                .build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null) {
            if (System.currentTimeMillis() / 1000 <= known.getExpirationTime() + clockSkewSeconds) {
                return known;
            }
            verified.invalidate(token);
        }
        JsonWebToken fresh = super.parse(token);
        verified.put(token, fresh);
        return fresh;
    }
}
