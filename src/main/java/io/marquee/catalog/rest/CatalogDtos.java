package io.marquee.catalog.rest;

import java.util.List;
import java.util.UUID;

/** What the catalog answers with. */
public final class CatalogDtos {

    private CatalogDtos() {
    }

    public record TitleSummary(UUID id, String type, String name, int year, int maturityRating, List<String> genres,
                               String posterUrl) {
    }

    public record TitleDetail(UUID id, String type, String name, int year, int maturityRating, List<String> genres,
                              String posterUrl, String synopsis, Integer runtimeSeconds, String backdropUrl,
                              List<String> cast, List<SeasonView> seasons, boolean playable) {
    }

    public record SeasonView(int number, List<EpisodeView> episodes) {
    }

    public record EpisodeView(UUID id, int number, String name, String synopsis, int durationSeconds) {
    }

    public record GenreView(String slug, String name) {
    }

    public record GenreList(List<GenreView> items) {
    }

    public record SearchResults(List<TitleSummary> items) {
    }

    /** A page of titles; {@code nextCursor} is null on the last page. */
    public record TitlePage(List<TitleSummary> items, String nextCursor) {
    }
}
