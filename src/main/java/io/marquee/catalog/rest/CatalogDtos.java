package io.marquee.catalog.rest;

import io.marquee.catalog.view.CatalogViews.GenreView;
import io.marquee.catalog.view.CatalogViews.TitleSummary;

import java.util.List;

/** The envelopes the catalog endpoints wrap lists in. */
public final class CatalogDtos {

    private CatalogDtos() {
    }

    public record GenreList(List<GenreView> items) {
    }

    public record SearchResults(List<TitleSummary> items) {
    }

    /** A page of titles; {@code nextCursor} is null on the last page. */
    public record TitlePage(List<TitleSummary> items, String nextCursor) {
    }
}
