package io.marquee.account.service;

import io.marquee.account.AuthConfig;
import io.marquee.account.model.Account;
import io.marquee.account.model.Profile;
import io.marquee.account.password.SecretHashing;
import io.marquee.account.throttle.FailureThrottle;
import io.marquee.account.throttle.FailureThrottle.Limit;
import io.marquee.account.token.TokenPair;
import io.marquee.common.problem.ApiException;
import io.marquee.common.problem.ProblemType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Profiles of an account: at most five, each with a maturity level and an optional 4-digit PIN. */
@ApplicationScoped
public class ProfileService {

    private final SecretHashing hashing;
    private final FailureThrottle throttle;
    private final LoginSessions sessions;
    private final AuthConfig config;

    public ProfileService(SecretHashing hashing, FailureThrottle throttle, LoginSessions sessions, AuthConfig config) {
        this.hashing = hashing;
        this.throttle = throttle;
        this.sessions = sessions;
        this.config = config;
    }

    /** A change to a profile: absent fields stay as they are; {@code pin} of an empty Optional clears the PIN. */
    public record ProfileChanges(Optional<String> name, Optional<Integer> maturityLevel, Optional<Optional<String>> pin) {
    }

    @WithSession
    public Uni<List<Profile>> list(UUID accountId) {
        return Profile.list("accountId = ?1 order by createdAt, id", accountId);
    }

    public Uni<Profile> create(UUID accountId, String name, int maturityLevel, String pin) {
        return hashPin(Optional.ofNullable(pin)).chain(pinHash -> insert(accountId, name.trim(), maturityLevel, pinHash));
    }

    @WithTransaction
    Uni<Profile> insert(UUID accountId, String name, int maturityLevel, String pinHash) {
        // The account row lock makes "at most five" hold under concurrent creates.
        return Account.<Account>findById(accountId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ApiException.unauthorized("The access token is not valid."))
                .chain(account -> Profile.count("accountId", accountId))
                .chain(count -> {
                    if (count >= Profile.MAX_PER_ACCOUNT) {
                        return Uni.createFrom().failure(ApiException.conflict(
                                "An account can have at most " + Profile.MAX_PER_ACCOUNT + " profiles."));
                    }
                    Profile profile = new Profile();
                    profile.id = UUID.randomUUID();
                    profile.accountId = accountId;
                    profile.name = name;
                    profile.maturityLevel = maturityLevel;
                    profile.pinHash = pinHash;
                    profile.createdAt = Instant.now();
                    return profile.persist();
                });
    }

    public Uni<Profile> update(UUID accountId, UUID profileId, ProfileChanges changes) {
        Uni<Optional<String>> newPinHash = changes.pin().isPresent()
                ? hashPin(changes.pin().get()) .map(Optional::ofNullable) : Uni.createFrom().item(Optional.empty());
        return newPinHash.chain(pinHash -> Panache.withTransaction(() -> owned(accountId, profileId).invoke(profile -> {
            changes.name().ifPresent(name -> profile.name = name.trim());
            changes.maturityLevel().ifPresent(level -> profile.maturityLevel = level);
            if (changes.pin().isPresent()) {
                profile.pinHash = pinHash.orElse(null);
            }
        })));
    }

    @WithTransaction
    public Uni<Void> delete(UUID accountId, UUID profileId) {
        return owned(accountId, profileId).chain(profile -> profile.delete());
    }

    /** Checks the PIN of a locked profile (throttled) and returns tokens scoped to it. */
    public Uni<TokenPair> select(UUID accountId, UUID loginId, UUID profileId, String pin) {
        return Panache.withSession(() -> owned(accountId, profileId))
                .chain(profile -> profile.locked() ? checkPin(profile, pin) : Uni.createFrom().voidItem())
                .chain(() -> sessions.scopeToProfile(accountId, loginId, profileId))
                .map(pair -> pair.orElseThrow(() -> ApiException.unauthorized("This login has ended. Sign in again.")));
    }

    private Uni<Void> checkPin(Profile profile, String pin) {
        List<Limit> limits = List.of(new Limit("pin:" + profile.id, config.maxPinFailures()));
        return throttle.check(limits, "Too many wrong PINs for this profile. Try again later.")
                .chain(() -> pin == null ? Uni.createFrom().item(false) : hashing.verify(pin, profile.pinHash))
                .chain(valid -> valid ? throttle.reset(limits.get(0).key())
                        : throttle.recordFailure(limits).chain(() -> Uni.createFrom().failure(
                                ApiException.forbidden(ProblemType.WRONG_PIN, "The PIN is not correct."))));
    }

    private Uni<String> hashPin(Optional<String> pin) {
        return pin.isPresent() ? hashing.hash(pin.get()) : Uni.createFrom().nullItem();
    }

    private static Uni<Profile> owned(UUID accountId, UUID profileId) {
        return Profile.<Profile>findById(profileId)
                .map(profile -> profile != null && profile.accountId.equals(accountId) ? profile : null)
                .onItem().ifNull().failWith(() -> ApiException.notFound("No such profile."));
    }
}
