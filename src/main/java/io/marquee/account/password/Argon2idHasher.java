package io.marquee.account.password;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id hashing in the PHC string format ({@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}), so the parameters
 * travel with each hash and can be raised later. Whole passwords are hashed: nothing is truncated.
 */
public final class Argon2idHasher {

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random = new SecureRandom();

    public Argon2idHasher(int memoryKib, int iterations, int parallelism) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    public String hash(String secret) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(secret, salt, memoryKib, iterations, parallelism, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    /**
     * A well-formed hash with the current parameters whose hash part is random bytes rather than a derivation: no
     * secret matches it (short of guessing 256 bits), yet verifying against it costs exactly what verifying a real one
     * does. Used for unknown accounts, so both failures take the same time, without spending a hash at start.
     */
    public String unmatchable() {
        byte[] salt = new byte[SALT_BYTES];
        byte[] hash = new byte[HASH_BYTES];
        random.nextBytes(salt);
        random.nextBytes(hash);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    /** True when {@code secret} matches {@code encoded}; false for a wrong secret or an unreadable hash. */
    public boolean verify(String secret, String encoded) {
        Matcher m = PHC.matcher(encoded == null ? "" : encoded);
        if (!m.matches()) {
            return false;
        }
        byte[] expected = DECODER.decode(m.group(5));
        byte[] actual = derive(secret, DECODER.decode(m.group(4)), Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** True when {@code encoded} was made with weaker parameters than the current ones. */
    public boolean needsRehash(String encoded) {
        Matcher m = PHC.matcher(encoded == null ? "" : encoded);
        return !m.matches() || Integer.parseInt(m.group(1)) < memoryKib || Integer.parseInt(m.group(2)) < iterations
                || Integer.parseInt(m.group(3)) < parallelism;
    }

    private static byte[] derive(String secret, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(secret.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
