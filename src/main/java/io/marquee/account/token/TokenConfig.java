package io.marquee.account.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Access and refresh token settings. */
@ConfigMapping(prefix = "marquee.jwt")
public interface TokenConfig {

    /** PEM (PKCS#8) EC P-256 private key that signs access tokens ({@code MARQUEE_JWT_SIGNING_KEY}). */
    String signingKey();

    /** PEM public keys of earlier signing keys, still accepted during a rotation ({@code MARQUEE_JWT_PREVIOUS_PUBLIC_KEYS}). */
    Optional<String> previousPublicKeys();

    /** The {@code iss} claim set and required. */
    @WithDefault("https://marquee.io")
    String issuer();

    /** The {@code aud} claim set and required. */
    @WithDefault("marquee-api")
    String audience();

    /** Lifetime of an access token. */
    @WithDefault("15m")
    Duration accessTokenLifetime();

    /** Absolute lifetime of a login: its refresh tokens stop working after this, however often rotated. */
    @WithDefault("30d")
    Duration loginLifetime();

    /** Clock skew tolerated when checking {@code exp}, {@code nbf} and {@code iat}. */
    @WithDefault("30s")
    Duration clockSkew();

    /**
     * A rotated refresh token presented again within this time (two requests racing) is refused without ending the
     * login; later, its reuse is taken as theft and ends the login.
     */
    @WithDefault("2s")
    Duration refreshReuseGrace();

    /** Verified access tokens remembered per instance (see VerifiedTokenCache). */
    @WithDefault("20000")
    int verifiedTokenCacheSize();
}
