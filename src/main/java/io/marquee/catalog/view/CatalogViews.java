package io.marquee.catalog.view;

import java.util.List;
import java.util.UUID;

/**
 * What catalog reads produce, free of HTTP: the queries and services build these, and the resources answer with
 * them as they are (their JSON is the API's).
 */
public final class CatalogViews {

    private CatalogViews() {
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
}
