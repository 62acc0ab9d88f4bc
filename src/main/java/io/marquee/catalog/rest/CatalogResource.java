package io.marquee.catalog.rest;

import io.marquee.catalog.repository.TitleQueries.Filter;
import io.marquee.catalog.repository.TitleSort;
import io.marquee.catalog.rest.CatalogDtos.GenreList;
import io.marquee.catalog.rest.CatalogDtos.SearchResults;
import io.marquee.catalog.rest.CatalogDtos.TitlePage;
import io.marquee.catalog.service.CatalogService;
import io.marquee.catalog.view.CatalogViews.TitleDetail;
import io.marquee.common.paging.Limits;
import io.marquee.common.problem.ApiException;
import io.marquee.common.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** Browsing the catalog: titles, one title, genres, search. Every answer is filtered by the profile's maturity level. */
@Path("/api/v1")
@Authenticated
@EntityTagged
@Tag(name = "Catalog")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "304", description = "Not modified: the If-None-Match tag is still current")
@APIResponse(responseCode = "401", description = "Missing, invalid, expired or revoked access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "The database is unavailable",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class CatalogResource {

    private final CatalogService catalog;

    public CatalogResource(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GET
    @Path("/titles")
    @Operation(summary = "Browse titles, paged by cursor")
    @APIResponse(responseCode = "200", description = "A page of titles",
            headers = {@Header(name = "ETag"), @Header(name = "Cache-Control")})
    @APIResponse(responseCode = "400", description = "Invalid filter, sort, limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TitlePage> titles(
            @Parameter(description = "movie or series") @QueryParam("type") String type,
            @Parameter(description = "a genre slug") @QueryParam("genre") String genre,
            @QueryParam("year") Integer year,
            @Parameter(description = "popular (default), newest or title") @QueryParam("sort") String sort,
            @Parameter(description = "1 to 100, default 20") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        if (type != null && !type.equals("movie") && !type.equals("series")) {
            throw ApiException.validation("type", "must be movie or series");
        }
        return catalog.browse(new Filter(type, blankToNull(genre), year), TitleSort.of(sort), blankToNull(cursor),
                        Limits.of(limit))
                .map(page -> new TitlePage(page.items(), page.nextCursor()));
    }

    @GET
    @Path("/titles/{titleId}")
    @Operation(summary = "One title with its seasons and episodes")
    @APIResponse(responseCode = "200", description = "The title",
            headers = {@Header(name = "ETag"), @Header(name = "Cache-Control")})
    @APIResponse(responseCode = "404", description = "No such title, or rated above the profile's level",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TitleDetail> title(@PathParam("titleId") UUID titleId) {
        return catalog.detail(titleId);
    }

    @GET
    @Path("/genres")
    @Operation(summary = "Every genre")
    @APIResponse(responseCode = "200", description = "Genres by name",
            headers = {@Header(name = "ETag"), @Header(name = "Cache-Control")})
    public Uni<GenreList> genres() {
        return catalog.genres().map(GenreList::new);
    }

    @GET
    @Path("/search")
    @Operation(summary = "Search names, cast and synopses; ranked, tolerant of small typos")
    @APIResponse(responseCode = "200", description = "Best matches first",
            headers = {@Header(name = "ETag"), @Header(name = "Cache-Control")})
    @APIResponse(responseCode = "400", description = "Missing or too long query, or invalid limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SearchResults> search(@QueryParam("q") String q,
                                     @Parameter(description = "1 to 50, default 20") @QueryParam("limit") Integer limit) {
        if (q == null || q.isBlank() || q.length() > 200) {
            throw ApiException.validation("q", "must be 1 to 200 characters");
        }
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > CatalogService.MAX_SEARCH_RESULTS) {
            throw ApiException.validation("limit", "must be between 1 and " + CatalogService.MAX_SEARCH_RESULTS);
        }
        return catalog.search(q, size).map(SearchResults::new);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
