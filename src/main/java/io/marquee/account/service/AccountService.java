package io.marquee.account.service;

import io.marquee.account.model.Account;
import io.marquee.account.model.Plan;
import io.marquee.account.model.Profile;
import io.marquee.account.password.SecretHashing;
import io.marquee.common.PersistenceFailures;
import io.marquee.account.token.TokenPair;
import io.marquee.common.problem.ApiException;
import io.marquee.common.problem.ProblemType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** Accounts: sign-up (with a first profile), plan changes, disabling, the bootstrap admin. */
@ApplicationScoped
public class AccountService {

    private final SecretHashing hashing;
    private final LoginSessions sessions;

    public AccountService(SecretHashing hashing, LoginSessions sessions) {
        this.hashing = hashing;
        this.sessions = sessions;
    }

    public Uni<Account> signup(String email, String password, String name, boolean admin) {
        String normalized = AuthService.normalizeEmail(email);
        return hashing.hash(password).chain(hash -> create(normalized, hash, name.trim(), admin))
                .onFailure(PersistenceFailures::isUniqueViolation)
                .transform(e -> ApiException.conflict("An account with this email already exists."));
    }

    @WithTransaction
    Uni<Account> create(String email, String passwordHash, String name, boolean admin) {
        return Account.count("email", email).chain(existing -> {
            if (existing > 0) {
                return Uni.createFrom().failure(ApiException.conflict("An account with this email already exists."));
            }
            Instant now = Instant.now();
            Account account = new Account();
            account.id = UUID.randomUUID();
            account.email = email;
            account.name = name;
            account.passwordHash = passwordHash;
            account.plan = Plan.STANDARD;
            account.admin = admin;
            account.tokensValidAfter = Instant.EPOCH;
            account.createdAt = now;
            Profile first = new Profile();
            first.id = UUID.randomUUID();
            first.accountId = account.id;
            first.name = name.length() > 50 ? name.substring(0, 50) : name;
            first.maturityLevel = 18;
            first.createdAt = now;
            return account.<Account>persist().call(() -> first.persist());
        });
    }

    @WithSession
    public Uni<Account> get(UUID accountId) {
        return Account.<Account>findById(accountId)
                .onItem().ifNull().failWith(() -> ApiException.unauthorized("The access token is not valid."));
    }

    @WithTransaction
    public Uni<Account> changePlan(UUID accountId, Plan plan) {
        return Account.<Account>findById(accountId)
                .onItem().ifNull().failWith(() -> ApiException.unauthorized("The access token is not valid."))
                .invoke(account -> account.plan = plan);
    }

    /**
     * Changes the password after checking the current one; every login ends and every earlier access token stops
     * working, on every instance. Returns fresh tokens for the caller.
     */
    public Uni<TokenPair> changePassword(UUID accountId, String currentPassword, String newPassword) {
        return Panache.withSession(() -> Account.<Account>findById(accountId))
                .onItem().ifNull().failWith(() -> ApiException.unauthorized("The access token is not valid."))
                .chain(account -> hashing.verify(currentPassword, account.passwordHash).chain(valid -> valid
                        ? hashing.hash(newPassword)
                        : Uni.createFrom().failure(ApiException.forbidden(ProblemType.FORBIDDEN,
                                "The current password is not correct."))))
                .chain(hash -> Panache.withTransaction(() -> Account.<Account>findById(accountId)
                        .chain(account -> {
                            account.passwordHash = hash;
                            return sessions.endAll(account, false).replaceWith(account);
                        })))
                .chain(sessions::start);
    }

    @WithTransaction
    public Uni<Void> disable(UUID accountId) {
        return Account.<Account>findById(accountId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("No such account."))
                .chain(account -> sessions.endAll(account, true));
    }

    /** Whether an account with this email exists. */
    @WithSession
    public Uni<Boolean> exists(String email) {
        return Account.count("email", AuthService.normalizeEmail(email)).map(count -> count > 0);
    }
}
