package io.marquee.account.service;

import io.marquee.account.model.Account;
import io.marquee.account.model.LoginSession;
import io.marquee.account.model.RefreshToken;
import io.marquee.account.revocation.Revocation;
import io.marquee.account.revocation.RevocationFeed;
import io.marquee.account.token.AccessTokens;
import io.marquee.account.token.RefreshTokens;
import io.marquee.account.token.TokenConfig;
import io.marquee.account.token.TokenPair;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Logins and their refresh-token families: start, rotate (exactly once per token; a rotated token presented again
 * ends the login), scope to a profile, end.
 */
@ApplicationScoped
public class LoginSessions {

    private final AccessTokens accessTokens;
    private final TokenConfig config;

    public LoginSessions(AccessTokens accessTokens, TokenConfig config) {
        this.accessTokens = accessTokens;
        this.config = config;
    }

    @WithTransaction
    public Uni<TokenPair> start(Account account) {
        Instant now = Instant.now();
        LoginSession session = new LoginSession();
        session.id = UUID.randomUUID();
        session.accountId = account.id;
        session.createdAt = now;
        session.expiresAt = now.plus(config.loginLifetime());
        return session.persist().chain(() -> issue(account, session, null, now));
    }

    /** New tokens for a refresh token that has not been used; empty when it is unknown, used, or its login ended. */
    @WithTransaction
    public Uni<Optional<TokenPair>> rotate(String refreshToken) {
        byte[] hash = RefreshTokens.hash(refreshToken);
        Instant now = Instant.now();
        return RefreshToken.update("rotatedAt = ?1 where tokenHash = ?2 and rotatedAt is null", now, hash)
                .chain(updated -> updated == 1 ? rotated(hash, now) : refuseReuse(hash, now));
    }

    /** Tokens scoped to a profile within the caller's current login; empty when that login has ended. */
    @WithTransaction
    public Uni<Optional<TokenPair>> scopeToProfile(UUID accountId, UUID loginId, UUID profileId) {
        Instant now = Instant.now();
        return LoginSession.<LoginSession>findById(loginId).chain(session ->
                session == null || !session.accountId.equals(accountId) || !session.activeAt(now)
                        ? Uni.createFrom().item(Optional.<TokenPair>empty())
                        : Account.<Account>findById(accountId).chain(account -> account == null || account.disabled
                                ? Uni.createFrom().item(Optional.<TokenPair>empty())
                                : issue(account, session, profileId, now).map(Optional::of)));
    }

    /** Ends the login that {@code refreshToken} belongs to, if it is the caller's. */
    @WithTransaction
    public Uni<Void> end(UUID accountId, String refreshToken) {
        return RefreshToken.<RefreshToken>findById(RefreshTokens.hash(refreshToken))
                .chain(token -> token == null ? Uni.createFrom().nullItem() : LoginSession.<LoginSession>findById(token.sessionId))
                .chain(session -> session == null || !session.accountId.equals(accountId)
                        ? Uni.createFrom().voidItem() : revoke(session, Instant.now()));
    }

    /** Ends every login of the account and refuses every access token issued so far; runs in the caller's transaction. */
    public Uni<Void> endAll(Account account, boolean disable) {
        Instant now = Instant.now();
        // Rounded up: tokens carry whole seconds, and one issued in this very second must be refused too.
        Instant notBefore = now.plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        account.tokensValidAfter = notBefore;
        if (disable) {
            account.disabled = true;
            account.disabledAt = now;
        }
        return LoginSession.update("revokedAt = ?1 where accountId = ?2 and revokedAt is null", now, account.id)
                .chain(() -> RevocationFeed.publish(disable ? Revocation.accountDisabled(account.id)
                        : Revocation.accountBefore(account.id, notBefore)));
    }

    private Uni<Optional<TokenPair>> rotated(byte[] hash, Instant now) {
        return RefreshToken.<RefreshToken>findById(hash).chain(token -> LoginSession.<LoginSession>findById(token.sessionId)
                .chain(session -> !session.activeAt(now) ? Uni.createFrom().item(Optional.<TokenPair>empty())
                        : Account.<Account>findById(session.accountId).chain(account -> account.disabled
                                ? Uni.createFrom().item(Optional.<TokenPair>empty())
                                : issue(account, session, token.profileId, now).map(Optional::of))));
    }

    private Uni<Optional<TokenPair>> refuseReuse(byte[] hash, Instant now) {
        return RefreshToken.<RefreshToken>findById(hash).chain(token -> {
            if (token == null || token.rotatedAt == null
                    || Duration.between(token.rotatedAt, now).compareTo(config.refreshReuseGrace()) <= 0) {
                return Uni.createFrom().item(Optional.empty());
            }
            return LoginSession.<LoginSession>findById(token.sessionId)
                    .chain(session -> session.revokedAt != null ? Uni.createFrom().voidItem() : revoke(session, now))
                    .map(v -> Optional.empty());
        });
    }

    private Uni<Void> revoke(LoginSession session, Instant now) {
        if (session.revokedAt != null) {
            return Uni.createFrom().voidItem();
        }
        session.revokedAt = now;
        return RevocationFeed.publish(Revocation.login(session.id));
    }

    private Uni<TokenPair> issue(Account account, LoginSession session, UUID profileId, Instant now) {
        String refreshToken = RefreshTokens.newToken();
        RefreshToken token = new RefreshToken();
        token.tokenHash = RefreshTokens.hash(refreshToken);
        token.sessionId = session.id;
        token.profileId = profileId;
        token.issuedAt = now;
        return token.persist().map(saved -> TokenPair.bearer(
                accessTokens.issue(account, session.id, profileId), accessTokens.lifetimeSeconds(),
                refreshToken, Duration.between(now, session.expiresAt).toSeconds()));
    }
}
