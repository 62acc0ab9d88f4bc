package io.marquee.library.rest;

import io.marquee.catalog.rest.CatalogDtos.TitlePage;
import io.marquee.catalog.rest.EntityTagged;
import io.marquee.common.paging.Limits;
import io.marquee.common.problem.Problem;
import io.marquee.library.rest.LibraryDtos.ContinueWatching;
import io.marquee.library.rest.LibraryDtos.RatingRequest;
import io.marquee.library.service.LibraryService;
import io.marquee.library.view.LibraryViews.Home;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.UUID;

/** The selected profile's My List, ratings, continue watching and home page. */
@Path("/api/v1/me")
@Authenticated
@Tag(name = "My library")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing, invalid, expired or revoked access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token is not scoped to a profile (profile-required)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "The database is unavailable",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class LibraryResource {

    private final LibraryService library;

    public LibraryResource(LibraryService library) {
        this.library = library;
    }

    @GET
    @Path("/list")
    @EntityTagged
    @Operation(summary = "My List, most recently added first, paged by cursor")
    @APIResponse(responseCode = "200", description = "A page of titles")
    @APIResponse(responseCode = "304", description = "Not modified")
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TitlePage> myList(@Parameter(description = "1 to 100, default 20") @QueryParam("limit") Integer limit,
                                 @QueryParam("cursor") String cursor) {
        return library.myList(cursor == null || cursor.isBlank() ? null : cursor, Limits.of(limit))
                .map(page -> new TitlePage(page.items(), page.nextCursor()));
    }

    @PUT
    @Path("/list/{titleId}")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(204)
    @Operation(summary = "Add a title to My List (idempotent)")
    @APIResponse(responseCode = "204", description = "In the list")
    @APIResponse(responseCode = "404", description = "No such title for this profile",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> add(@PathParam("titleId") UUID titleId) {
        return library.addToList(titleId);
    }

    @DELETE
    @Path("/list/{titleId}")
    @ResponseStatus(204)
    @Operation(summary = "Remove a title from My List (idempotent)")
    @APIResponse(responseCode = "204", description = "Not in the list")
    public Uni<Void> remove(@PathParam("titleId") UUID titleId) {
        return library.removeFromList(titleId);
    }

    @PUT
    @Path("/ratings/{titleId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(204)
    @Operation(summary = "Rate a title: up, down, or none to take the rating back")
    @APIResponse(responseCode = "204", description = "Rated")
    @APIResponse(responseCode = "400", description = "Invalid rating",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such title for this profile",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> rate(@PathParam("titleId") UUID titleId, @Valid @NotNull RatingRequest request) {
        return library.rate(titleId, request.rating());
    }

    @GET
    @Path("/continue-watching")
    @EntityTagged
    @Operation(summary = "Titles in progress (5% to 90% watched) and, for series, the episode after a watched one")
    @APIResponse(responseCode = "200", description = "Most recently watched first")
    @APIResponse(responseCode = "304", description = "Not modified")
    public Uni<ContinueWatching> continueWatching() {
        return library.continueWatching().map(ContinueWatching::new);
    }

    @GET
    @Path("/home")
    @EntityTagged
    @Operation(summary = "Home rows: continue watching, My List, because you liked, trending, one per genre")
    @APIResponse(responseCode = "200", description = "The rows, empty ones left out")
    @APIResponse(responseCode = "304", description = "Not modified")
    public Uni<Home> home() {
        return library.home();
    }
}
