package io.marquee.packaging.service;

import io.marquee.packaging.manifest.Presentation;
import io.marquee.streaming.StoredObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One playback's assets as adaptive streaming presents them: the {@link Presentation} and the stored objects behind
 * it, with each manifest rendered once (they are the same for every viewer of these assets: their URIs are relative).
 */
public final class PackagedTitle {

    /** A rendered manifest with its strong validator (a digest of its bytes). */
    public record Manifest(byte[] bytes, String etag, Instant lastModified, String contentType) {
    }

    private final Presentation presentation;
    private final Map<UUID, StoredObject> objects;
    private final Instant lastModified;
    private final Map<String, Manifest> rendered = new ConcurrentHashMap<>();

    PackagedTitle(Presentation presentation, Map<UUID, StoredObject> objects) {
        this.presentation = presentation;
        this.objects = Map.copyOf(objects);
        this.lastModified = objects.values().stream().map(StoredObject::lastModified).max(Instant::compareTo)
                .orElse(Instant.EPOCH);
    }

    public Presentation presentation() {
        return presentation;
    }

    /** The stored object of one of the playback's assets. */
    public Optional<StoredObject> object(UUID assetId) {
        return Optional.ofNullable(objects.get(assetId));
    }

    /** The manifest under {@code key}, rendered by {@code render} the first time it is asked for. */
    public Manifest manifest(String key, String contentType, Function<Presentation, String> render) {
        return rendered.computeIfAbsent(key, k -> {
            byte[] bytes = render.apply(presentation).getBytes(StandardCharsets.UTF_8);
            return new Manifest(bytes, "\"m" + digest(bytes) + "\"", lastModified, contentType);
        });
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
