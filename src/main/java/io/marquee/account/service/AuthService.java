package io.marquee.account.service;

import io.marquee.account.AuthConfig;
import io.marquee.account.model.Account;
import io.marquee.account.password.SecretHashing;
import io.marquee.account.throttle.FailureThrottle;
import io.marquee.account.throttle.FailureThrottle.Limit;
import io.marquee.account.token.TokenPair;
import io.marquee.common.problem.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Sign-in, token refresh and sign-out. Unknown emails and wrong passwords are indistinguishable (same answer, same
 * hashing work); failures are throttled per client address and email, and per address.
 */
@ApplicationScoped
public class AuthService {

    private final SecretHashing hashing;
    private final FailureThrottle throttle;
    private final LoginSessions sessions;
    private final AuthConfig config;

    public AuthService(SecretHashing hashing, FailureThrottle throttle, LoginSessions sessions, AuthConfig config) {
        this.hashing = hashing;
        this.throttle = throttle;
        this.sessions = sessions;
        this.config = config;
    }

    public Uni<TokenPair> login(String email, String password, String clientAddress) {
        String normalized = normalizeEmail(email);
        List<Limit> limits = List.of(
                new Limit("login:" + clientAddress + ":" + digest(normalized), config.maxFailuresPerAddressAndEmail()),
                new Limit("login-address:" + clientAddress, config.maxFailuresPerAddress()));
        return throttle.check(limits, "Too many failed sign-ins from this address. Try again later.")
                .chain(() -> Panache.withSession(() -> Account.<Account>find("email", normalized).<Account>firstResult()))
                .chain((Account account) -> hashing.verify(password, account == null ? null : account.passwordHash)
                        .chain(valid -> valid && !account.disabled
                                ? signedIn(account, password, limits.get(0).key())
                                : throttle.recordFailure(limits).chain(() -> Uni.createFrom().failure(badCredentials()))));
    }

    public Uni<TokenPair> refresh(String refreshToken) {
        return sessions.rotate(refreshToken).map(pair -> pair.orElseThrow(
                () -> ApiException.unauthorized("The refresh token is not valid.")));
    }

    public Uni<Void> logout(UUID accountId, String refreshToken) {
        return sessions.end(accountId, refreshToken);
    }

    public Uni<Void> logoutAll(UUID accountId) {
        return Panache.withTransaction(() -> Account.<Account>findById(accountId)
                .onItem().ifNull().failWith(() -> ApiException.unauthorized("The access token is not valid."))
                .chain(account -> sessions.endAll(account, false)));
    }

    public static String normalizeEmail(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    private Uni<TokenPair> signedIn(Account account, String password, String failureKey) {
        Uni<Void> rehash = hashing.needsRehash(account.passwordHash)
                ? hashing.hash(password).chain(hash -> Panache.withTransaction(
                        () -> Account.update("passwordHash = ?1 where id = ?2", hash, account.id))).replaceWithVoid()
                : Uni.createFrom().voidItem();
        return throttle.reset(failureKey).chain(() -> rehash).chain(() -> sessions.start(account));
    }

    private static ApiException badCredentials() {
        return ApiException.unauthorized("The email or password is incorrect.");
    }

    private static String digest(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
