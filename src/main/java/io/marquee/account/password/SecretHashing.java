package io.marquee.account.password;

import io.marquee.account.AuthConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hashes and verifies passwords and PINs off the event loop; results come back on the caller's Vert.x context, so a
 * Hibernate Reactive session can be used right after.
 */
@ApplicationScoped
public class SecretHashing {

    private final Argon2idHasher hasher;
    private final Vertx vertx;
    /** Verified against when an email is unknown, so both failures cost the same time. */
    private final String dummyHash;

    public SecretHashing(AuthConfig config, Vertx vertx) {
        AuthConfig.PasswordHash parameters = config.passwordHash();
        this.hasher = new Argon2idHasher(parameters.memoryKib(), parameters.iterations(), parameters.parallelism());
        this.vertx = vertx;
        this.dummyHash = hasher.hash("marquee-dummy-password-for-unknown-accounts");
    }

    public Uni<String> hash(String secret) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> hasher.hash(secret)), false);
    }

    /** Verifies {@code secret} against {@code encoded}, or against a dummy hash when there is none. */
    public Uni<Boolean> verify(String secret, String encoded) {
        boolean known = encoded != null;
        return vertx.executeBlocking(Uni.createFrom().item(() -> hasher.verify(secret, known ? encoded : dummyHash) && known),
                false);
    }

    public boolean needsRehash(String encoded) {
        return hasher.needsRehash(encoded);
    }
}
