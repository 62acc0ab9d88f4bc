package io.marquee.library.service;

import io.marquee.account.Viewer;
import io.marquee.account.ViewerResolver;
import io.marquee.catalog.view.CatalogViews.TitleSummary;
import io.marquee.common.paging.Page;
import io.marquee.common.problem.ApiException;
import io.marquee.library.view.LibraryViews.ContinueWatchingItem;
import io.marquee.library.view.LibraryViews.Home;
import io.marquee.library.view.LibraryViews.HomeRow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** A profile's My List, thumbs, continue watching and home page. Only titles the profile may see take part. */
@ApplicationScoped
public class LibraryService {

    private static final int CONTINUE_WATCHING_SIZE = 20;

    private final ViewerResolver viewers;
    private final LibraryQueries queries;
    private final Pool pool;

    public LibraryService(ViewerResolver viewers, LibraryQueries queries, Pool pool) {
        this.viewers = viewers;
        this.queries = queries;
        this.pool = pool;
    }

    public Uni<Page<TitleSummary>> myList(String cursor, int limit) {
        return viewers.viewerWithProfile()
                .chain(viewer -> queries.myList(viewer.profileId(), viewer.maturityLevel(), cursor, limit));
    }

    /** Adds the title to My List; adding it again keeps its place. */
    public Uni<Void> addToList(UUID titleId) {
        return visibleTitle(titleId, viewer -> pool.preparedQuery(
                        "INSERT INTO my_list (profile_id, title_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(viewer.profileId(), titleId)).replaceWithVoid());
    }

    public Uni<Void> removeFromList(UUID titleId) {
        return viewers.viewerWithProfile().chain(viewer -> pool.preparedQuery(
                        "DELETE FROM my_list WHERE profile_id = $1 AND title_id = $2")
                .execute(Tuple.of(viewer.profileId(), titleId)).replaceWithVoid());
    }

    /** Thumbs up, down, or {@code none} to take the rating back. */
    public Uni<Void> rate(UUID titleId, String rating) {
        return visibleTitle(titleId, viewer -> "none".equals(rating)
                ? pool.preparedQuery("DELETE FROM title_rating WHERE profile_id = $1 AND title_id = $2")
                        .execute(Tuple.of(viewer.profileId(), titleId)).replaceWithVoid()
                : pool.preparedQuery("""
                                INSERT INTO title_rating (profile_id, title_id, rating, rated_at) VALUES ($1, $2, $3, now())
                                ON CONFLICT (profile_id, title_id)
                                DO UPDATE SET rating = excluded.rating, rated_at = excluded.rated_at""")
                        .execute(Tuple.of(viewer.profileId(), titleId, rating)).replaceWithVoid());
    }

    public Uni<List<ContinueWatchingItem>> continueWatching() {
        return viewers.viewerWithProfile().chain(viewer -> queries.continueWatching(viewer.profileId(),
                viewer.maturityLevel(), CONTINUE_WATCHING_SIZE));
    }

    /** The home page: continue watching, My List, because you liked X, trending, then a row per genre. */
    public Uni<Home> home() {
        return viewers.viewerWithProfile().chain(viewer -> Uni.combine().all().unis(
                        queries.continueWatching(viewer.profileId(), viewer.maturityLevel(), CONTINUE_WATCHING_SIZE),
                        queries.myList(viewer.profileId(), viewer.maturityLevel(), null, CONTINUE_WATCHING_SIZE),
                        queries.becauseYouLiked(viewer.profileId(), viewer.maturityLevel()),
                        queries.trending(viewer.maturityLevel()),
                        queries.genreRows(viewer.maturityLevel()))
                .with((watching, list, liked, trending, genres) -> {
                    List<HomeRow> rows = new ArrayList<>();
                    addIfAny(rows, "continue-watching", "Continue watching",
                            watching.stream().map(ContinueWatchingItem::title).toList());
                    addIfAny(rows, "my-list", "My List", list.items());
                    if (liked != null) {
                        rows.add(liked);
                    }
                    addIfAny(rows, "trending", "Trending now", trending);
                    rows.addAll(genres);
                    return new Home(rows);
                }));
    }

    private Uni<Void> visibleTitle(UUID titleId, Function<Viewer, Uni<Void>> action) {
        return viewers.viewerWithProfile().chain(viewer -> queries.visible(titleId, viewer.maturityLevel())
                .chain(visible -> visible ? action.apply(viewer)
                        : Uni.createFrom().failure(ApiException.notFound("No such title."))));
    }

    private static void addIfAny(List<HomeRow> rows, String id, String name, List<TitleSummary> items) {
        if (!items.isEmpty()) {
            rows.add(new HomeRow(id, name, items));
        }
    }
}
