package io.marquee.playback;

import io.marquee.playback.grant.GrantCodec;
import io.marquee.playback.grant.PlaybackGrant;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrantCodecTest {

    private final GrantCodec codec = new GrantCodec(filled(32, (byte) 7));
    private final PlaybackGrant grant = new PlaybackGrant(UUID.randomUUID(), UUID.randomUUID(),
            List.of(UUID.randomUUID(), UUID.randomUUID()), Instant.ofEpochSecond(2_000_000_000L));

    @Test
    void aSignedGrantVerifiesToTheSameGrant() {
        assertThat(codec.verify(codec.sign(grant))).contains(grant);
    }

    @Test
    void anotherSecretsGrantIsRefused() {
        GrantCodec other = new GrantCodec(filled(32, (byte) 8));
        assertThat(codec.verify(other.sign(grant))).isEmpty();
    }

    @Test
    void aChangedPayloadIsRefused() {
        String token = codec.sign(grant);
        String otherPayload = codec.sign(new PlaybackGrant(grant.leaseId(), grant.profileId(),
                List.of(UUID.randomUUID()), grant.expiresAt())).split("\\.")[0];
        assertThat(codec.verify(otherPayload + "." + token.split("\\.")[1])).isEmpty();
    }

    @Test
    void garbageAndJwtsAreRefused() {
        assertThat(codec.verify("")).isEmpty();
        assertThat(codec.verify("abc")).isEmpty();
        assertThat(codec.verify("a.b.c")).isEmpty();
        assertThat(codec.verify("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")).isEmpty();
        assertThat(codec.verify("x".repeat(5000))).isEmpty();
    }

    @Test
    void allowsOnlyItsAssetsBeforeExpiry() {
        Instant before = grant.expiresAt().minusSeconds(1);
        assertThat(grant.allows(grant.assetIds().get(0), before)).isTrue();
        assertThat(grant.allows(UUID.randomUUID(), before)).isFalse();
        assertThat(grant.allows(grant.assetIds().get(0), grant.expiresAt())).isFalse();
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new GrantCodec(new byte[16])).hasMessageContaining("MARQUEE_GRANT_SECRET");
        assertThatThrownBy(() -> GrantCodec.fromBase64("not base64!")).hasMessageContaining("MARQUEE_GRANT_SECRET");
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
