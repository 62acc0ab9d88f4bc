package io.marquee.bench;

import io.marquee.account.AuthConfig;
import io.marquee.account.password.Argon2idHasher;
import io.smallrye.config.WithDefault;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The baseline of the login benchmark: how many Argon2id password verifications per second this machine does with
 * Marquee's own hasher and parameters (the {@code @WithDefault}s of {@link AuthConfig.PasswordHash}, or
 * {@code MARQUEE_AUTH_PASSWORD_HASH_MEMORY_KIB} / {@code _ITERATIONS} / {@code _PARALLELISM} as Marquee reads them).
 * A login verifies one hash, so when logins are bound by hashing, logins/s over this rate is close to 1.
 * <p>
 * Usage: {@code java -cp ... io.marquee.bench.PasswordHashRate THREADS SECONDS [WARMUP_SECONDS]}; prints one line,
 * {@code JSON {...}}.
 */
public final class PasswordHashRate {

    private PasswordHashRate() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        long seconds = Long.parseLong(args[1]);
        long warmup = args.length > 2 ? Long.parseLong(args[2]) : 3;
        int memoryKib = parameter("memoryKib", "MARQUEE_AUTH_PASSWORD_HASH_MEMORY_KIB");
        int iterations = parameter("iterations", "MARQUEE_AUTH_PASSWORD_HASH_ITERATIONS");
        int parallelism = parameter("parallelism", "MARQUEE_AUTH_PASSWORD_HASH_PARALLELISM");
        Argon2idHasher hasher = new Argon2idHasher(memoryKib, iterations, parallelism);
        String password = "correct horse battery";
        String hash = hasher.hash(password);

        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        LongAdder verified = new LongAdder();
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Thread(() -> {
                while (running.get()) {
                    if (!hasher.verify(password, hash)) {
                        throw new IllegalStateException("verification failed");
                    }
                    if (counting.get()) {
                        verified.increment();
                    }
                }
            }, "hash-" + i);
            workers[i].start();
        }
        Thread.sleep(warmup * 1000);
        long start = System.nanoTime();
        counting.set(true);
        Thread.sleep(seconds * 1000);
        counting.set(false);
        long elapsed = System.nanoTime() - start;
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        long count = verified.sum();
        System.out.printf("JSON {\"threads\":%d,\"memory_kib\":%d,\"iterations\":%d,\"parallelism\":%d,"
                        + "\"verifications\":%d,\"duration_us\":%d,\"per_second\":%.2f}%n",
                threads, memoryKib, iterations, parallelism, count, elapsed / 1000, count / (elapsed / 1e9));
    }

    private static int parameter(String method, String environment) throws NoSuchMethodException {
        String value = System.getenv(environment);
        if (value == null) {
            value = AuthConfig.PasswordHash.class.getMethod(method).getAnnotation(WithDefault.class).value();
        }
        return Integer.parseInt(value);
    }
}
