package io.marquee.account.token;

import org.bouncycastle.crypto.ec.CustomNamedCurves;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ES256 key that signs access tokens and the public keys that verify them: the current one (derived from the
 * private key) and any earlier ones still honoured during a rotation. Each key's id is a thumbprint of the key, so
 * every instance names the same key the same way.
 */
public final class SigningKeys {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final ECPrivateKey privateKey;
    private final ECPublicKey publicKey;
    private final String keyId;
    private final List<ECPublicKey> previousKeys;

    private SigningKeys(ECPrivateKey privateKey, ECPublicKey publicKey, List<ECPublicKey> previousKeys) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = keyId(publicKey);
        this.previousKeys = List.copyOf(previousKeys);
    }

    /** Reads a PKCS#8 PEM P-256 private key and optional concatenated PEM public keys. */
    public static SigningKeys fromPem(String privateKeyPem, String previousPublicKeysPem) {
        try {
            List<byte[]> privateBlocks = blocks(privateKeyPem, "PRIVATE KEY");
            if (privateBlocks.size() != 1) {
                throw new IllegalArgumentException(
                        "MARQUEE_JWT_SIGNING_KEY must hold exactly one PEM 'PRIVATE KEY' (PKCS#8) block");
            }
            KeyFactory factory = KeyFactory.getInstance("EC");
            ECPrivateKey key = (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(privateBlocks.get(0)));
            requireP256(key.getParams());
            List<ECPublicKey> previous = new ArrayList<>();
            for (byte[] block : blocks(previousPublicKeysPem == null ? "" : previousPublicKeysPem, "PUBLIC KEY")) {
                ECPublicKey publicKey = (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(block));
                requireP256(publicKey.getParams());
                previous.add(publicKey);
            }
            return new SigningKeys(key, derivePublic(key), previous);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("MARQUEE_JWT_SIGNING_KEY is not a PKCS#8 EC P-256 private key", e);
        }
    }

    public ECPrivateKey privateKey() {
        return privateKey;
    }

    public ECPublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return keyId;
    }

    /** The JWK set of every key that verifies tokens: current first, then the previous ones. */
    public Map<String, Object> jwks() {
        List<Map<String, Object>> keys = new ArrayList<>();
        keys.add(jwk(publicKey));
        previousKeys.stream().filter(k -> !keyId(k).equals(keyId)).map(SigningKeys::jwk).forEach(keys::add);
        return Map.of("keys", keys);
    }

    static String keyId(ECPublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return URL.encodeToString(Arrays.copyOf(digest, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> jwk(ECPublicKey key) {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "EC");
        jwk.put("crv", "P-256");
        jwk.put("use", "sig");
        jwk.put("alg", "ES256");
        jwk.put("kid", keyId(key));
        jwk.put("x", URL.encodeToString(coordinate(key.getW().getAffineX())));
        jwk.put("y", URL.encodeToString(coordinate(key.getW().getAffineY())));
        return jwk;
    }

    private static byte[] coordinate(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - copy, fixed, 32 - copy, copy);
        return fixed;
    }

    private static ECPublicKey derivePublic(ECPrivateKey key) throws GeneralSecurityException {
        org.bouncycastle.math.ec.ECPoint q = CustomNamedCurves.getByName("secp256r1").getG().multiply(key.getS()).normalize();
        ECPoint point = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, key.getParams()));
    }

    private static void requireP256(ECParameterSpec spec) throws GeneralSecurityException {
        AlgorithmParameters p256 = AlgorithmParameters.getInstance("EC");
        p256.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec expected = p256.getParameterSpec(ECParameterSpec.class);
        if (!expected.getCurve().equals(spec.getCurve()) || !expected.getOrder().equals(spec.getOrder())) {
            throw new IllegalArgumentException("Access-token keys must be on the P-256 curve (ES256)");
        }
    }

    private static List<byte[]> blocks(String pem, String type) {
        List<byte[]> blocks = new ArrayList<>();
        Matcher matcher = PEM.matcher(pem.replace("\\n", "\n"));
        while (matcher.find()) {
            if (matcher.group(1).equals(type)) {
                blocks.add(Base64.getMimeDecoder().decode(matcher.group(2).getBytes(StandardCharsets.US_ASCII)));
            }
        }
        return blocks;
    }
}
