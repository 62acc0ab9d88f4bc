package io.marquee.catalog.service;

import io.marquee.account.Viewer;
import io.marquee.account.ViewerResolver;
import io.marquee.catalog.repository.TitleQueries.Filter;
import io.marquee.catalog.repository.TitleQueries;
import io.marquee.catalog.repository.TitleSort;
import io.marquee.catalog.view.CatalogViews.GenreView;
import io.marquee.catalog.view.CatalogViews.TitleDetail;
import io.marquee.catalog.view.CatalogViews.TitleSummary;
import io.marquee.common.paging.Page;
import io.marquee.common.problem.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** Browsing, detail and search, each answered for the calling viewer's maturity level. */
@ApplicationScoped
public class CatalogService {

    public static final int MAX_SEARCH_RESULTS = 50;

    private final ViewerResolver viewers;
    private final TitleQueries titles;

    public CatalogService(ViewerResolver viewers, TitleQueries titles) {
        this.viewers = viewers;
        this.titles = titles;
    }

    public Uni<Page<TitleSummary>> browse(Filter filter, TitleSort sort, String cursor, int limit) {
        return viewers.viewer().chain(viewer -> titles.browse(viewer.maturityLevel(), filter, sort, cursor, limit));
    }

    /** The title as the viewer may see it; 404 when it does not exist or is rated above the viewer's level. */
    public Uni<TitleDetail> detail(UUID titleId) {
        return viewers.viewer().chain(viewer -> titles.detail(titleId, viewer.maturityLevel()))
                .onItem().ifNull().failWith(() -> ApiException.notFound("No such title."));
    }

    /** The detail as an administrator sees it: every rating. */
    public Uni<TitleDetail> detailForAdmin(UUID titleId) {
        return titles.detail(titleId, Viewer.ALL_RATINGS)
                .onItem().ifNull().failWith(() -> ApiException.notFound("No such title."));
    }

    public Uni<List<TitleSummary>> search(String query, int limit) {
        return viewers.viewer().chain(viewer -> titles.search(query.trim(), viewer.maturityLevel(), limit));
    }

    public Uni<List<GenreView>> genres() {
        return titles.genres();
    }
}
