package io.marquee.account.password;

import io.marquee.account.AuthConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hashes and verifies passwords and PINs off the event loop; results come back on the caller's Vert.x context, so a
 * Hibernate Reactive session can be used right after. Hashing runs on its own pool of one thread per core: it is
 * bound by CPU, so more threads would not hash faster, only hold more Argon2 memory at once (19 MiB each by default:
 * 8 concurrent logins on the shared worker pool kept a 512 MiB heap in GC pauses 20-30% of the time) and take worker
 * threads from everything else.
 */
@ApplicationScoped
public class SecretHashing {

    private final Argon2idHasher hasher;
    private final WorkerExecutor executor;
    /**
     * Verified against when an email is unknown, so both failures cost the same time. Random bytes, not a derived hash:
     * deriving one here cost the first login after a start a second cold Argon2 run (about 200 ms, issue 13).
     */
    private final String dummyHash;

    public SecretHashing(AuthConfig config, Vertx vertx) {
        AuthConfig.PasswordHash parameters = config.passwordHash();
        this.hasher = new Argon2idHasher(parameters.memoryKib(), parameters.iterations(), parameters.parallelism());
        this.executor = vertx.createSharedWorkerExecutor("marquee-secret-hashing", Runtime.getRuntime().availableProcessors());
        this.dummyHash = hasher.unmatchable();
    }

    public Uni<String> hash(String secret) {
        return executor.executeBlocking(Uni.createFrom().item(() -> hasher.hash(secret)), false);
    }

    /** Verifies {@code secret} against {@code encoded}, or against a dummy hash when there is none. */
    public Uni<Boolean> verify(String secret, String encoded) {
        boolean known = encoded != null;
        return executor.executeBlocking(Uni.createFrom().item(() -> hasher.verify(secret, known ? encoded : dummyHash) && known),
                false);
    }

    public boolean needsRehash(String encoded) {
        return hasher.needsRehash(encoded);
    }
}
