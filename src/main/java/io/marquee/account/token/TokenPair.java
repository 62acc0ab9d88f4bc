package io.marquee.account.token;

/** What a login, refresh or profile selection returns. Lifetimes in seconds. */
public record TokenPair(String accessToken, String tokenType, long expiresIn, String refreshToken,
                        long refreshExpiresIn) {

    public static TokenPair bearer(String accessToken, long expiresIn, String refreshToken, long refreshExpiresIn) {
        return new TokenPair(accessToken, "Bearer", expiresIn, refreshToken, refreshExpiresIn);
    }
}
