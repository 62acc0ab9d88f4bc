package io.marquee.demo;

import io.marquee.catalog.model.Episode;
import io.marquee.catalog.model.Season;
import io.marquee.catalog.model.Title;
import io.marquee.media.model.MediaAsset;
import io.marquee.media.service.MediaAssets.Owner;
import io.marquee.media.service.MediaIngest;
import io.marquee.media.service.MediaIngest.Slot;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Seeds the demo catalog: the titles of {@code demo/catalog.psv} (series get two seasons of three episodes), drawn
 * artwork for each, and the sample video's three aligned renditions (360p, 240p, 144p) with its English subtitles on
 * a few titles, through the upload's own checks, index and install. Idempotent: what exists is kept.
 */
@ApplicationScoped
@IfBuildProfile("dev")
class DemoCatalog {

    static final int SEASONS = 2;
    static final int EPISODES_PER_SEASON = 3;
    private static final int PLAYABLE_MOVIES = 3;
    private static final int SAMPLE_SECONDS = 40;
    /** The playable titles' renditions (label to resource), aligned: keyframes every 2 s in each. */
    private static final List<Map.Entry<String, String>> LADDER = List.of(Map.entry("360p", "/media/sample.mp4"),
            Map.entry("240p", "/media/sample.240p.mp4"), Map.entry("144p", "/media/sample.144p.mp4"));

    private final MediaIngest ingest;

    DemoCatalog(MediaIngest ingest) {
        this.ingest = ingest;
    }

    /** Seeds what is missing; returns how many titles were added. */
    Uni<Integer> seed() {
        List<DemoTitle> titles = DemoTitle.load();
        byte[] subtitles = resource("/media/sample.en.vtt");
        List<DemoTitle> movies = titles.stream().filter(t -> Title.MOVIE.equals(t.type())).limit(PLAYABLE_MOVIES)
                .toList();
        Uni<Integer> added = Uni.createFrom().item(0);
        for (DemoTitle title : titles) {
            added = added.chain(count -> insertIfMissing(title).map(inserted -> inserted ? count + 1 : count))
                    .call(() -> ensureAsset(title.id(), null, MediaAsset.POSTER, MediaAsset.POSTER, null, "image/png",
                            () -> DemoArtwork.poster(title.name())))
                    .call(() -> ensureAsset(title.id(), null, MediaAsset.BACKDROP, MediaAsset.BACKDROP, null,
                            "image/png", () -> DemoArtwork.backdrop(title.name())));
            if (movies.contains(title) || Title.SERIES.equals(title.type())) {
                UUID episode = Title.SERIES.equals(title.type()) ? title.episodeId(1, 1) : null;
                // Highest first: each lower rendition is checked against the ones before it, as an upload would be.
                for (Map.Entry<String, String> rendition : LADDER) {
                    added = added.call(() -> ensureAsset(title.id(), episode, MediaAsset.VIDEO, rendition.getKey(),
                            null, "video/mp4", () -> resource(rendition.getValue())));
                }
                added = added.call(() -> ensureAsset(title.id(), episode, MediaAsset.SUBTITLE, "en", "en", "text/vtt",
                        () -> subtitles));
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
                                  String contentType, Supplier<byte[]> bytes) {
        String slot = episodeId == null
                ? "titleId = ?1 and episodeId is null and kind = ?2 and label = ?3"
                : "titleId = ?1 and kind = ?2 and label = ?3 and episodeId = ?4";
        Object[] params = episodeId == null ? new Object[] {titleId, kind, label}
                : new Object[] {titleId, kind, label, episodeId};
        return Panache.withSession(() -> MediaAsset.count(slot, params)).chain(count -> count > 0
                ? Uni.createFrom().voidItem()
                // The path of an upload: the same checks, the same index, the same install (alignment included).
                : Uni.createFrom().deferred(() -> ingest.ingest(new Owner(titleId, episodeId),
                        new Slot(kind, label, language, contentType), bytes.get(), Vertx.currentContext()))
                        .replaceWithVoid());
    }

    private static byte[] resource(String path) {
        try (InputStream in = DemoCatalog.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
