package io.marquee.account.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * Produces the signing keys from configuration and the verification rules SmallRye JWT applies to every bearer
 * token: ES256 only, the published keys only (selected by {@code kid}), {@code iss} and {@code aud} required.
 */
@ApplicationScoped
public class TokenKeys {

    public static final String SESSION_CLAIM = "sid";
    public static final String PROFILE_CLAIM = "pid";

    @Produces
    @Singleton
    SigningKeys signingKeys(TokenConfig config) {
        return SigningKeys.fromPem(config.signingKey(), config.previousPublicKeys().orElse(null));
    }

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo verification(SigningKeys keys, TokenConfig config, ObjectMapper json) throws JsonProcessingException {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyContent(json.writeValueAsString(keys.jwks()));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.ES256));
        info.setIssuedBy(config.issuer());
        info.setExpectedAudience(Set.of(config.audience()));
        info.setClockSkew((int) config.clockSkew().toSeconds());
        info.setMaxTimeToLiveSecs(config.accessTokenLifetime().plus(config.clockSkew()).toSeconds());
        info.setRequiredClaims(Set.of("sub", "iat", "exp", "jti", SESSION_CLAIM));
        info.setRequireNamedPrincipal(true);
        return info;
    }
}
