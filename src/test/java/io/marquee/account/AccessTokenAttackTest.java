package io.marquee.account;

import io.marquee.account.token.SigningKeys;
import io.marquee.account.token.TokenConfig;
import io.marquee.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Consumer;

import static org.hamcrest.Matchers.equalTo;

/**
 * Each forged token differs from a token that is accepted (the control) in exactly the one way its test names, so
 * each 401 is for that reason alone.
 */
@QuarkusTest
class AccessTokenAttackTest {

    @Inject
    SigningKeys keys;
    @Inject
    TokenConfig config;

    private String accountId;

    @BeforeEach
    void account() {
        accountId = Api.as(Api.newAccountToken()).get("/api/v1/account").then().extract().path("id");
    }

    @Test
    void theControlTokenIsAccepted() {
        accepted(sign(claims(c -> { })));
    }

    @Test
    void algNoneIsRefused() {
        String valid = sign(claims(c -> { }));
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        refused(header + "." + valid.split("\\.")[1] + ".");
    }

    @Test
    void hs256SignedWithThePublicKeyAsSecretIsRefused() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.publicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        refused(claims(c -> { }).jws().keyId(keys.keyId()).algorithm(SignatureAlgorithm.HS256)
                .sign(new SecretKeySpec(pem.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
    }

    @Test
    void aTamperedSignatureIsRefused() {
        String[] parts = sign(claims(c -> { })).split("\\.");
        char[] signature = parts[2].toCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';
        refused(parts[0] + "." + parts[1] + "." + new String(signature));
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String[] parts = sign(claims(c -> { })).split("\\.");
        String otherSubject = sign(claims(c -> c.subject(UUID.randomUUID().toString()))).split("\\.")[1];
        refused(parts[0] + "." + otherSubject + "." + parts[2]);
    }

    @Test
    void expiredBeyondTheAllowedSkewIsRefused() {
        long now = Instant.now().getEpochSecond();
        long skew = config.clockSkew().toSeconds();
        refused(sign(claims(c -> c.issuedAt(now - 900 - skew - 60).expiresAt(now - skew - 60))));
    }

    @Test
    void notBeforeInTheFutureIsRefused() {
        long now = Instant.now().getEpochSecond();
        refused(sign(claims(c -> c.claim("nbf", now + 600))));
    }

    @Test
    void aWrongIssuerIsRefused() {
        refused(sign(claims(c -> c.issuer("https://evil.example"))));
    }

    @Test
    void aWrongAudienceIsRefused() {
        refused(sign(claims(c -> c.audience("another-api"))));
    }

    @Test
    void anUnknownKeyIdIsRefused() {
        refused(claims(c -> { }).jws().keyId("no-such-key").algorithm(SignatureAlgorithm.ES256).sign(keys.privateKey()));
    }

    @Test
    void aForeignKeyClaimingOurKeyIdIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        PrivateKey foreign = generator.generateKeyPair().getPrivate();
        refused(claims(c -> { }).jws().keyId(keys.keyId()).algorithm(SignatureAlgorithm.ES256).sign(foreign));
    }

    private JwtClaimsBuilder claims(Consumer<JwtClaimsBuilder> change) {
        long now = Instant.now().getEpochSecond();
        JwtClaimsBuilder claims = Jwt.issuer(config.issuer()).audience(config.audience()).subject(accountId)
                .groups("subscriber").issuedAt(now).expiresAt(now + 600)
                .claim("jti", UUID.randomUUID().toString()).claim("sid", UUID.randomUUID().toString());
        change.accept(claims);
        return claims;
    }

    private String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId(keys.keyId()).algorithm(SignatureAlgorithm.ES256).sign(keys.privateKey());
    }

    private static void accepted(String token) {
        Api.as(token).get("/api/v1/account").then().statusCode(200);
    }

    private static void refused(String token) {
        Api.as(token).get("/api/v1/account").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
