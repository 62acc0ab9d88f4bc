package io.marquee.library.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.marquee.catalog.view.CatalogViews.TitleSummary;

import java.util.List;
import java.util.UUID;

/** What the personal library's reads produce, free of HTTP; the resources answer with them as they are. */
public final class LibraryViews {

    private LibraryViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContinueWatchingItem(TitleSummary title, UUID episodeId, int positionSeconds, int durationSeconds) {
    }

    public record HomeRow(String id, String name, List<TitleSummary> items) {
    }

    public record Home(List<HomeRow> rows) {
    }
}
