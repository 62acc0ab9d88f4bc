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

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
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
public class VerifiedTokenCache implements JWTParser {

    private static final Duration REMEMBER = Duration.ofMinutes(2);

    private final JWTParser delegate;
    private final long clockSkewSeconds;
    private final Cache<String, JsonWebToken> verified;

    public VerifiedTokenCache(JWTAuthContextInfo verification, TokenConfig config) {
        this.delegate = new DefaultJWTParser(verification);
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
        JsonWebToken fresh = delegate.parse(token);
        verified.put(token, fresh);
        return fresh;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
