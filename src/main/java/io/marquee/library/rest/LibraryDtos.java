package io.marquee.library.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.marquee.catalog.rest.CatalogDtos.TitleSummary;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.List;
import java.util.UUID;

/** What the personal library reads and answers. */
public final class LibraryDtos {

    private LibraryDtos() {
    }

    public record RatingRequest(@NotNull @Pattern(regexp = "up|down|none", message = "must be up, down or none")
                                String rating) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContinueWatchingItem(TitleSummary title, UUID episodeId, int positionSeconds, int durationSeconds) {
    }

    public record ContinueWatching(List<ContinueWatchingItem> items) {
    }

    public record HomeRow(String id, String name, List<TitleSummary> items) {
    }

    public record Home(List<HomeRow> rows) {
    }
}
