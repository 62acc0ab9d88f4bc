package io.marquee.catalog.service;

import io.marquee.catalog.command.CatalogCommands.CreateEpisodeRequest;
import io.marquee.catalog.command.CatalogCommands.CreateTitleRequest;
import io.marquee.catalog.command.CatalogCommands.TitlePatch;
import io.marquee.catalog.model.Episode;
import io.marquee.catalog.model.Genre;
import io.marquee.catalog.model.Season;
import io.marquee.catalog.model.Title;
import io.marquee.catalog.view.CatalogViews.EpisodeView;
import io.marquee.catalog.view.CatalogViews.TitleDetail;
import io.marquee.common.PersistenceFailures;
import io.marquee.common.problem.ApiException;
import io.marquee.media.model.MediaAsset;
import io.marquee.media.service.MediaOrphans;
import io.marquee.streaming.ObjectDirectory;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Changes to the catalog: titles, seasons and episodes. Deleting one also deletes its media objects. */
@ApplicationScoped
public class CatalogAdmin {

    private final CatalogService catalog;
    private final MediaOrphans orphans;

    public CatalogAdmin(CatalogService catalog, MediaOrphans orphans) {
        this.catalog = catalog;
        this.orphans = orphans;
    }

    public Uni<TitleDetail> create(CreateTitleRequest request) {
        Set<String> genres = request.genres() == null ? Set.of() : new LinkedHashSet<>(request.genres());
        return Panache.withTransaction(() -> requireGenres(genres).chain(() -> {
                    Instant now = Instant.now();
                    Title title = new Title();
                    title.id = UUID.randomUUID();
                    title.type = request.type();
                    title.name = request.name().trim();
                    title.synopsis = request.synopsis() == null ? "" : request.synopsis();
                    title.year = request.year();
                    title.maturityRating = request.maturityRating();
                    title.runtimeSeconds = request.runtimeSeconds();
                    title.cast = request.cast() == null ? new String[0] : request.cast().toArray(String[]::new);
                    title.genres = new LinkedHashSet<>(genres);
                    title.createdAt = now;
                    title.updatedAt = now;
                    return title.<Title>persist();
                }))
                .chain(title -> catalog.detailForAdmin(title.id));
    }

    public Uni<TitleDetail> update(UUID titleId, TitlePatch patch) {
        return Panache.withTransaction(() -> Title.<Title>findById(titleId)
                        .onItem().ifNull().failWith(() -> ApiException.notFound("No such title."))
                        .chain(title -> (patch.genres() == null ? Uni.createFrom().voidItem()
                                : requireGenres(new LinkedHashSet<>(patch.genres()))).map(ok -> {
                            if (patch.name() != null) {
                                title.name = patch.name().trim();
                            }
                            if (patch.synopsis() != null) {
                                title.synopsis = patch.synopsis();
                            }
                            if (patch.year() != null) {
                                title.year = patch.year();
                            }
                            if (patch.maturityRating() != null) {
                                title.maturityRating = patch.maturityRating();
                            }
                            if (patch.runtimeSeconds() != null) {
                                title.runtimeSeconds = patch.runtimeSeconds();
                            }
                            if (patch.cast() != null) {
                                title.cast = patch.cast().toArray(String[]::new);
                            }
                            if (patch.genres() != null) {
                                title.genres = new LinkedHashSet<>(patch.genres());
                            }
                            title.updatedAt = Instant.now();
                            return title;
                        })))
                .chain(title -> catalog.detailForAdmin(title.id));
    }

    /** Deletes the title with its seasons, episodes and assets, then their objects in the bucket. */
    public Uni<Void> delete(UUID titleId) {
        return Panache.withTransaction(() -> Title.<Title>findById(titleId, LockModeType.PESSIMISTIC_WRITE)
                        .onItem().ifNull().failWith(() -> ApiException.notFound("No such title."))
                        .chain(title -> MediaAsset.<MediaAsset>list("titleId", titleId))
                        .call(() -> Title.delete("id", titleId))
                        .call(assets -> forgetEverywhere(assets))
                        .map(assets -> assets.stream().map(asset -> asset.s3Key).toList())
                        .call(MediaOrphans::record))
                .chain(orphans::deleteNow);
    }

    /** Adds an episode to season {@code seasonNumber} of a series, creating the season if it is new. */
    public Uni<EpisodeView> addEpisode(UUID titleId, int seasonNumber, CreateEpisodeRequest request) {
        if (seasonNumber < 1) {
            return Uni.createFrom().failure(ApiException.validation("seasonNumber", "must be 1 or more"));
        }
        return Panache.withTransaction(() -> Title.<Title>findById(titleId, LockModeType.PESSIMISTIC_WRITE)
                        .onItem().ifNull().failWith(() -> ApiException.notFound("No such title."))
                        .invoke(title -> {
                            if (!Title.SERIES.equals(title.type)) {
                                throw ApiException.conflict("Only a series has episodes.");
                            }
                        })
                        .chain(title -> Season.count("titleId = ?1 and number = ?2", titleId, seasonNumber))
                        .chain(seasons -> seasons > 0 ? Uni.createFrom().voidItem() : newSeason(titleId, seasonNumber))
                        .chain(() -> Episode.count("titleId = ?1 and seasonNumber = ?2 and number = ?3", titleId,
                                seasonNumber, request.number()))
                        .chain(existing -> {
                            if (existing > 0) {
                                return Uni.createFrom().failure(ApiException.conflict(
                                        "Season " + seasonNumber + " already has an episode " + request.number() + "."));
                            }
                            Episode episode = new Episode();
                            episode.id = UUID.randomUUID();
                            episode.titleId = titleId;
                            episode.seasonNumber = seasonNumber;
                            episode.number = request.number();
                            episode.name = request.name().trim();
                            episode.synopsis = request.synopsis() == null ? "" : request.synopsis();
                            episode.durationSeconds = request.durationSeconds();
                            episode.createdAt = Instant.now();
                            return episode.<Episode>persist();
                        }))
                .onFailure(PersistenceFailures::isUniqueViolation)
                .transform(e -> ApiException.conflict("That episode already exists."))
                .map(e -> new EpisodeView(e.id, e.number, e.name, e.synopsis, e.durationSeconds));
    }

    /** Deletes an episode and its media objects. */
    public Uni<Void> deleteEpisode(UUID episodeId) {
        return Panache.withTransaction(() -> Episode.<Episode>findById(episodeId)
                        .onItem().ifNull().failWith(() -> ApiException.notFound("No such episode."))
                        .chain(episode -> MediaAsset.<MediaAsset>list("episodeId", episodeId))
                        .call(() -> Episode.delete("id", episodeId))
                        .call(assets -> forgetEverywhere(assets))
                        .map(assets -> assets.stream().map(asset -> asset.s3Key).toList())
                        .call(MediaOrphans::record))
                .chain(orphans::deleteNow);
    }

    /** Every instance drops the cached metadata of deleted assets when the delete commits. */
    private static Uni<Void> forgetEverywhere(List<MediaAsset> assets) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (MediaAsset asset : assets) {
            all = all.call(() -> ObjectDirectory.publishChanged(asset.id));
        }
        return all;
    }

    private static Uni<Void> newSeason(UUID titleId, int number) {
        Season season = new Season();
        season.id = UUID.randomUUID();
        season.titleId = titleId;
        season.number = number;
        return season.persist().replaceWithVoid();
    }

    private static Uni<Void> requireGenres(Set<String> slugs) {
        if (slugs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Genre.<Genre>list("slug in ?1", slugs).map(found -> {
            if (found.size() != slugs.size()) {
                Set<String> unknown = new LinkedHashSet<>(slugs);
                found.forEach(genre -> unknown.remove(genre.slug));
                throw ApiException.validation("genres", "unknown genre " + String.join(", ", unknown)
                        + "; see GET /api/v1/genres");
            }
            return null;
        });
    }
}
