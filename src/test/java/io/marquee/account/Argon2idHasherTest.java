package io.marquee.account;

import io.marquee.account.password.Argon2idHasher;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Argon2idHasherTest {

    private final Argon2idHasher hasher = new Argon2idHasher(19456, 2, 1);

    @Test
    void storesItsParametersAndVerifiesOnlyTheSamePassword() {
        String hash = hasher.hash("correct horse battery");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.verify("correct horse battery", hash)).isTrue();
        assertThat(hasher.verify("correct horse batterY", hash)).isFalse();
    }

    @Test
    void hashesWholePasswordsWithNo72ByteLimit() {
        String hash = hasher.hash("a".repeat(72) + "b".repeat(28));
        assertThat(hasher.verify("a".repeat(72) + "c".repeat(28), hash)).isFalse();
        assertThat(hasher.verify("a".repeat(72), hash)).isFalse();
    }

    @Test
    void weakerStoredParametersAskForARehash() {
        String old = new Argon2idHasher(8192, 1, 1).hash("pw-123456");
        assertThat(hasher.needsRehash(old)).isTrue();
        assertThat(hasher.verify("pw-123456", old)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("pw-123456"))).isFalse();
    }

    @Test
    void theUnmatchableHashIsWellFormedWithTheCurrentParametersAndNothingMatchesIt() {
        String dummy = hasher.unmatchable();
        assertThat(dummy).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.needsRehash(dummy)).as("read as a hash with today's parameters").isFalse();
        assertThat(hasher.unmatchable()).isNotEqualTo(dummy);
        assertThat(hasher.verify("", dummy)).isFalse();
        assertThat(hasher.verify("correct horse battery", dummy)).isFalse();
    }

    @Test
    void unreadableHashesNeverVerify() {
        assertThat(hasher.verify("x", "not a hash")).isFalse();
        assertThat(hasher.verify("x", null)).isFalse();
    }
}
