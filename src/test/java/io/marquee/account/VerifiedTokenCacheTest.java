package io.marquee.account;

import io.marquee.account.token.VerifiedTokenCache;
import io.marquee.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verified-token cache is what authenticates requests, and it never turns a near miss into a hit. */
@QuarkusTest
class VerifiedTokenCacheTest {

    @Inject
    JWTParser parser;

    @Test
    void aTokenIsVerifiedOnceThenRememberedAndATamperedCopyIsStillRefused() throws ParseException {
        assertThat(parser).isInstanceOf(VerifiedTokenCache.class);
        String token = Api.newProfileToken();
        assertThat(parser.parse(token)).isSameAs(parser.parse(token));

        // A character inside the signature (the last one may only carry padding bits).
        int at = token.length() - 10;
        String tampered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        assertThatThrownBy(() -> parser.parse(tampered)).isInstanceOf(ParseException.class);
        String payloadTampered = token.replaceFirst("\\.(.)", "." + (token.charAt(token.indexOf('.') + 1) == 'e' ? 'f' : 'e'));
        assertThatThrownBy(() -> parser.parse(payloadTampered)).isInstanceOf(ParseException.class);
    }

    @Test
    void aRememberedTokenIsStillRevocable() {
        String token = Api.newProfileToken();
        Api.as(token).get("/api/v1/titles").then().statusCode(200);
        Api.as(token).post("/api/v1/auth/logout-all").then().statusCode(204);
        io.marquee.support.Eventually.within(java.time.Duration.ofSeconds(5),
                () -> Api.as(token).get("/api/v1/titles").statusCode() == 401);
        Api.as(token).get("/api/v1/titles").then().statusCode(401);
    }
}
