package io.marquee.demo;

import io.marquee.catalog.model.Episode;
import io.marquee.catalog.model.Season;
import io.marquee.catalog.model.Title;
import io.marquee.media.ingest.ContentCheck;
import io.marquee.media.ingest.MediaFacts;
import io.marquee.media.model.MediaAsset;
import io.marquee.media.service.MediaIngest;
import io.marquee.media.service.MediaStorage;
import io.marquee.media.service.MediaStorage.StoredObject;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Seeds the demo catalog: the titles of {@code demo/catalog.psv} (series get two seasons of three episodes), drawn
 * artwork for each, and the sample video with its English subtitles on a few titles. Idempotent: what exists is kept.
 */
@ApplicationScoped
@IfBuildProfile("dev")
class DemoCatalog {

    static final int SEASONS = 2;
    static final int EPISODES_PER_SEASON = 3;
    private static final int PLAYABLE_MOVIES = 3;
    private static final int SAMPLE_SECONDS = 40;

    private final MediaStorage storage;
    private final MediaIngest ingest;

    DemoCatalog(MediaStorage storage, MediaIngest ingest) {
        this.storage = storage;
        this.ingest = ingest;
    }

    /** Seeds what is missing; returns how many titles were added. */
    Uni<Integer> seed() {
        List<DemoTitle> titles = DemoTitle.load();
        byte[] video = resource("/media/sample.mp4");
        byte[] subtitles = resource("/media/sample.en.vtt");
        MediaFacts facts = facts(video);
        List<DemoTitle> movies = titles.stream().filter(t -> Title.MOVIE.equals(t.type())).limit(PLAYABLE_MOVIES)
                .toList();
        Uni<Integer> added = Uni.createFrom().item(0);
        for (DemoTitle title : titles) {
            added = added.chain(count -> insertIfMissing(title).map(inserted -> inserted ? count + 1 : count))
                    .call(() -> ensureAsset(title.id(), null, MediaAsset.POSTER, MediaAsset.POSTER, null, "image/png",
                            () -> DemoArtwork.poster(title.name()), MediaFacts.NONE))
                    .call(() -> ensureAsset(title.id(), null, MediaAsset.BACKDROP, MediaAsset.BACKDROP, null,
                            "image/png", () -> DemoArtwork.backdrop(title.name()), MediaFacts.NONE));
            if (movies.contains(title) || Title.SERIES.equals(title.type())) {
                UUID episode = Title.SERIES.equals(title.type()) ? title.episodeId(1, 1) : null;
                added = added
                        .call(() -> ensureAsset(title.id(), episode, MediaAsset.VIDEO, "360p", null, "video/mp4",
                                () -> video, facts))
                        .call(() -> ensureAsset(title.id(), episode, MediaAsset.SUBTITLE, "en", "en", "text/vtt",
                                () -> subtitles, MediaFacts.NONE));
            }
        }
        return added;
    }

    private Uni<Boolean> insertIfMissing(DemoTitle demo) {
        return Panache.withTransaction(() -> Title.<Title>findById(demo.id()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(false);
            }
            Instant now = Instant.now();
            Title title = new Title();
            title.id = demo.id();
            title.type = demo.type();
            title.name = demo.name();
            title.synopsis = demo.synopsis();
            title.year = demo.year();
            title.maturityRating = demo.maturityRating();
            title.runtimeSeconds = demo.runtimeSeconds();
            title.cast = demo.cast().toArray(String[]::new);
            title.genres = new LinkedHashSet<>(demo.genres());
            // Some plays so "popular" has an order to show.
            title.playCount = Math.abs(demo.name().hashCode()) % 5000;
            title.createdAt = now;
            title.updatedAt = now;
            Uni<Void> chain = title.persist().replaceWithVoid();
            if (Title.SERIES.equals(demo.type())) {
                for (int s = 1; s <= SEASONS; s++) {
                    int seasonNumber = s;
                    chain = chain.chain(() -> season(demo, seasonNumber));
                }
            }
            return chain.replaceWith(true);
        }));
    }

    private static Uni<Void> season(DemoTitle demo, int number) {
        Season season = new Season();
        season.id = UUID.nameUUIDFromBytes((demo.id() + ":season:" + number).getBytes());
        season.titleId = demo.id();
        season.number = number;
        season.name = "Season " + number;
        Uni<Void> chain = season.persist().chain(() -> Panache.getSession().chain(s -> s.flush()));
        for (int e = 1; e <= EPISODES_PER_SEASON; e++) {
            Episode episode = new Episode();
            episode.id = demo.episodeId(number, e);
            episode.titleId = demo.id();
            episode.seasonNumber = number;
            episode.number = e;
            episode.name = "Chapter " + ((number - 1) * EPISODES_PER_SEASON + e);
            episode.synopsis = "Season " + number + ", episode " + e + " of " + demo.name() + ".";
            episode.durationSeconds = number == 1 && e == 1 ? SAMPLE_SECONDS : 2400 + 60 * e;
            episode.createdAt = Instant.now();
            chain = chain.chain(() -> episode.persist().replaceWithVoid());
        }
        return chain;
    }

    private Uni<Void> ensureAsset(UUID titleId, UUID episodeId, String kind, String label, String language,
                                  String contentType, Supplier<byte[]> bytes, MediaFacts facts) {
        String slot = episodeId == null
                ? "titleId = ?1 and episodeId is null and kind = ?2 and label = ?3"
                : "titleId = ?1 and kind = ?2 and label = ?3 and episodeId = ?4";
        Object[] params = episodeId == null ? new Object[] {titleId, kind, label}
                : new Object[] {titleId, kind, label, episodeId};
        return Panache.withSession(() -> MediaAsset.count(slot, params)).chain(count -> count > 0
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().deferred(() -> {
                    Context context = Vertx.currentContext();
                    String key = "titles/" + titleId + (episodeId == null ? "" : "/episodes/" + episodeId) + "/"
                            + kind + "/" + label + "/" + UUID.randomUUID() + extension(contentType);
                    return storage.put(key, contentType, bytes.get())
                            .emitOn(command -> context.runOnContext(v -> command.run()))
                            .chain(object -> ingest.install(asset(titleId, episodeId, kind, label, language,
                                    contentType, object, facts), context))
                            .replaceWithVoid();
                }));
    }

    private static MediaAsset asset(UUID titleId, UUID episodeId, String kind, String label, String language,
                                    String contentType, StoredObject object, MediaFacts facts) {
        MediaAsset asset = new MediaAsset();
        asset.id = UUID.randomUUID();
        asset.titleId = titleId;
        asset.episodeId = episodeId;
        asset.kind = kind;
        asset.label = label;
        asset.language = language;
        asset.s3Key = object.key();
        asset.contentType = contentType;
        asset.sizeBytes = object.sizeBytes();
        asset.etag = object.etag();
        asset.lastModified = object.lastModified();
        asset.width = facts.width();
        asset.height = facts.height();
        asset.durationSeconds = facts.durationSeconds();
        asset.bitrate = facts.durationSeconds() == null || facts.durationSeconds() == 0 ? null
                : object.sizeBytes() * 8 / facts.durationSeconds();
        asset.createdAt = Instant.now();
        return asset;
    }

    private static MediaFacts facts(byte[] video) {
        ContentCheck check = ContentCheck.forType("video/mp4");
        check.accept(video, 0, video.length);
        return check.finish();
    }

    private static String extension(String contentType) {
        return switch (contentType) {
            case "video/mp4" -> ".mp4";
            case "text/vtt" -> ".vtt";
            default -> ".png";
        };
    }

    private static byte[] resource(String path) {
        try (InputStream in = DemoCatalog.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
