package io.marquee.packaging.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.marquee.common.notify.DatabaseNotifications;
import io.marquee.media.model.MediaAsset;
import io.marquee.packaging.index.MediaIndexes;
import io.marquee.packaging.manifest.Presentation;
import io.marquee.packaging.mp4.MediaIndex;
import io.marquee.packaging.mp4.TrackIndex;
import io.marquee.playback.grant.PlaybackGrant;
import io.marquee.streaming.ObjectDirectory;
import io.marquee.streaming.StoredObject;
import io.marquee.streaming.StreamingConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Builds the {@link PackagedTitle} of a grant's assets from the catalog's metadata and the stored segment indexes,
 * and keeps it briefly per instance (keyed by the asset set, so every viewer of a title shares it); a replaced or
 * deleted asset drops it on every instance.
 */
@ApplicationScoped
public class PackagedTitles {

    private final ObjectDirectory directory;
    private final MediaIndexes indexes;
    private final DatabaseNotifications notifications;
    private final Cache<String, Optional<PackagedTitle>> cache;

    public PackagedTitles(ObjectDirectory directory, MediaIndexes indexes, DatabaseNotifications notifications,
                          StreamingConfig config) {
        this.directory = directory;
        this.indexes = indexes;
        this.notifications = notifications;
        this.cache = Caffeine.newBuilder().expireAfterWrite(config.metadataTtl()).maximumSize(1000).build();
    }

    void start(@Observes StartupEvent event) {
        notifications.listen(MediaIndexes.CHANGED_CHANNEL, payload -> cache.invalidateAll(), cache::invalidateAll);
    }

    /** The grant's assets packaged; empty when none of its video renditions can be packaged. */
    public Uni<Optional<PackagedTitle>> forGrant(PlaybackGrant grant) {
        String key = grant.assetIds().stream().map(UUID::toString).sorted().collect(Collectors.joining(","));
        Optional<PackagedTitle> cached = cache.getIfPresent(key);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        List<Uni<Optional<Asset>>> lookups = new ArrayList<>();
        for (UUID id : grant.assetIds()) {
            lookups.add(directory.asset(id).chain(object -> object.isEmpty() || !isVideo(object.get())
                    ? Uni.createFrom().item(object.map(o -> new Asset(o, null)))
                    : indexes.forAsset(id).map(index -> Optional.of(new Asset(object.get(), index.orElse(null))))));
        }
        return Uni.join().all(lookups).andFailFast().map(PackagedTitles::packaged)
                .invoke(packaged -> cache.put(key, packaged));
    }

    /** Forgets what this instance holds about a grant's assets (S3 said an object behind it changed). */
    public void forget(PlaybackGrant grant) {
        cache.invalidateAll();
        grant.assetIds().forEach(id -> {
            directory.forget(id);
            indexes.forget(id);
        });
    }

    private record Asset(StoredObject object, MediaIndex index) {
    }

    private static boolean isVideo(StoredObject object) {
        return MediaAsset.VIDEO.equals(object.kind()) && "video/mp4".equals(object.contentType());
    }

    private static Optional<PackagedTitle> packaged(List<Optional<Asset>> found) {
        Map<UUID, StoredObject> objects = new LinkedHashMap<>();
        List<Presentation.Video> videos = new ArrayList<>();
        List<Presentation.Subtitles> subtitles = new ArrayList<>();
        Map<UUID, TrackIndex> audioTracks = new LinkedHashMap<>();
        for (Optional<Asset> maybe : found) {
            if (maybe.isEmpty()) {
                continue;
            }
            StoredObject object = maybe.get().object();
            MediaIndex index = maybe.get().index();
            if (index != null && index.video().isPresent()) {
                objects.put(object.assetId(), object);
                videos.add(Presentation.Video.of(object.assetId(), object.label(), index.video().get()));
                index.audio().ifPresent(audio -> audioTracks.put(object.assetId(), audio));
            } else if (MediaAsset.SUBTITLE.equals(object.kind())) {
                objects.put(object.assetId(), object);
                subtitles.add(new Presentation.Subtitles(object.assetId(),
                        object.language() == null ? object.label() : object.language(), object.label()));
            }
        }
        if (videos.isEmpty()) {
            return Optional.empty();
        }
        subtitles.sort(java.util.Comparator.comparing(Presentation.Subtitles::language));
        // One audio rendition for every video rendition: the audio of the highest rendition that has one.
        Optional<Presentation.Audio> audio = videos.stream()
                .sorted(java.util.Comparator.comparingLong(Presentation.Video::peakBandwidth).reversed())
                .filter(v -> audioTracks.containsKey(v.assetId())).findFirst()
                .map(v -> Presentation.Audio.of(v.assetId(), audioTracks.get(v.assetId())));
        return Optional.of(new PackagedTitle(new Presentation(videos, audio, subtitles), objects));
    }
}
