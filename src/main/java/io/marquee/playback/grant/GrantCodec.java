package io.marquee.playback.grant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Signs and verifies playback grants: {@code base64url(payload) "." base64url(HMAC-SHA256(payload))}, the payload
 * being {@code g1|lease|profile|expiry|asset,asset,...}. Verification needs only the secret: no database.
 */
public final class GrantCodec {

    private static final String VERSION = "g1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_TOKEN_LENGTH = 4096;

    private final SecretKeySpec key;
    /** A Mac per thread (they are not thread-safe), initialised once: grants are checked on every range request. */
    private final ThreadLocal<Mac> macs;

    public GrantCodec(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("MARQUEE_GRANT_SECRET must be base64 of at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** Reads {@code MARQUEE_GRANT_SECRET}: base64 of at least 32 bytes. */
    public static GrantCodec fromBase64(String secret) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(secret.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MARQUEE_GRANT_SECRET must be base64 of at least 32 bytes", e);
        }
        return new GrantCodec(bytes);
    }

    public String sign(PlaybackGrant grant) {
        List<String> assets = grant.assetIds().stream().map(UUID::toString).toList();
        String payload = String.join("|", VERSION, grant.leaseId().toString(), grant.profileId().toString(),
                Long.toString(grant.expiresAt().getEpochSecond()), String.join(",", assets));
        byte[] bytes = payload.getBytes(StandardCharsets.US_ASCII);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
    }

    /** The grant, when the token is well formed and its signature is ours; expiry is checked by the caller. */
    public Optional<PlaybackGrant> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(payload))) {
                return Optional.empty();
            }
            String[] parts = new String(payload, StandardCharsets.US_ASCII).split("\\|", -1);
            if (parts.length != 5 || !VERSION.equals(parts[0])) {
                return Optional.empty();
            }
            List<UUID> assets = new ArrayList<>();
            for (String asset : parts[4].split(",")) {
                assets.add(UUID.fromString(asset));
            }
            return Optional.of(new PlaybackGrant(UUID.fromString(parts[1]), UUID.fromString(parts[2]), assets,
                    Instant.ofEpochSecond(Long.parseLong(parts[3]))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        return macs.get().doFinal(payload);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
