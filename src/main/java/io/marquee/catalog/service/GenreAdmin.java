package io.marquee.catalog.service;

import io.marquee.catalog.model.Genre;
import io.marquee.catalog.view.CatalogViews.GenreView;
import io.marquee.common.PersistenceFailures;
import io.marquee.common.problem.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/** Adds, renames and removes genres. A genre's slug is its stable id (it is in URLs and title bodies): never renamed. */
@ApplicationScoped
public class GenreAdmin {

    public Uni<GenreView> create(String slug, String name) {
        return Panache.withTransaction(() -> {
                    Genre genre = new Genre();
                    genre.slug = slug;
                    genre.name = name.trim();
                    return genre.<Genre>persist().call(() -> Panache.flush());
                })
                .onFailure(PersistenceFailures::isUniqueViolation)
                .transform(e -> ApiException.conflict("A genre with the slug '" + slug + "' already exists."))
                .map(GenreAdmin::view);
    }

    @WithTransaction
    public Uni<GenreView> rename(String slug, String name) {
        return Genre.<Genre>findById(slug)
                .onItem().ifNull().failWith(() -> ApiException.notFound("No such genre."))
                .invoke(genre -> genre.name = name.trim())
                .map(GenreAdmin::view);
    }

    /** Removes a genre no title uses; one still in use is a 409 (untag its titles first), so no title loses it silently. */
    @WithTransaction
    public Uni<Void> delete(String slug) {
        return Genre.<Genre>findById(slug, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ApiException.notFound("No such genre."))
                .chain(genre -> Panache.getSession().chain(session -> session
                                .createNativeQuery("SELECT count(*) FROM title_genre WHERE genre_slug = :slug", Long.class)
                                .setParameter("slug", slug).getSingleResult())
                        .chain(uses -> {
                            if (uses > 0) {
                                return Uni.createFrom().failure(ApiException.conflict("The genre '" + slug
                                        + "' is used by " + uses + " title(s); remove it from them first."));
                            }
                            return genre.delete();
                        }));
    }

    private static GenreView view(Genre genre) {
        return new GenreView(genre.slug, genre.name);
    }
}
