package io.marquee.bench;

import io.marquee.account.token.SigningKeys;
import io.marquee.account.token.TokenKeys;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/**
 * Who calls the raw baseline servers: the account and profile named by the bearer token's claims, read without
 * verifying the signature; with the request header {@code X-Raw-Verify}, verified first as Marquee does it (SmallRye
 * JWT's parser with the rules TokenKeys sets: ES256, Marquee's key, issuer, audience, required claims).
 */
final class RawViewers {

    /** The caller: an account and, for a profile-scoped token, a profile. */
    record Viewer(UUID accountId, UUID profileId) {
    }

    private final JWTParser tokens;

    RawViewers(String signingKeyPem) {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyContent(new JsonObject(SigningKeys.fromPem(signingKeyPem, null).jwks()).encode());
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.ES256));
        // TokenConfig's defaults: issuer, audience, 30 s clock skew, 15 min tokens.
        info.setIssuedBy("https://marquee.io");
        info.setExpectedAudience(Set.of("marquee-api"));
        info.setClockSkew(30);
        info.setMaxTimeToLiveSecs(15 * 60 + 30L);
        info.setRequiredClaims(Set.of("sub", "iat", "exp", "jti", TokenKeys.SESSION_CLAIM));
        info.setRequireNamedPrincipal(true);
        this.tokens = new DefaultJWTParser(info);
    }

    Viewer of(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            throw new RawReply.Problem(401, "A bearer token is required.");
        }
        String token = header.substring(7);
        if (request.getHeader("X-Raw-Verify") != null) {
            try {
                JsonWebToken verified = tokens.parse(token);
                Object profile = verified.getClaim(TokenKeys.PROFILE_CLAIM);
                return new Viewer(UUID.fromString(verified.getSubject()),
                        profile == null ? null : UUID.fromString(profile.toString()));
            } catch (ParseException e) {
                throw new RawReply.Problem(401, "The access token is not valid.");
            }
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new RawReply.Problem(401, "The access token is not valid.");
        }
        JsonObject claims = new JsonObject(Buffer.buffer(Base64.getUrlDecoder().decode(parts[1])));
        String profile = claims.getString(TokenKeys.PROFILE_CLAIM);
        return new Viewer(UUID.fromString(claims.getString("sub")), profile == null ? null : UUID.fromString(profile));
    }
}
