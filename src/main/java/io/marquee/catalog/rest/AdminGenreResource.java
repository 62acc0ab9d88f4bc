package io.marquee.catalog.rest;

import io.marquee.account.model.Account;
import io.marquee.catalog.service.GenreAdmin;
import io.marquee.catalog.view.CatalogViews.GenreView;
import io.marquee.common.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;

/** Genre administration: add, rename, remove. */
@Path("/api/v1/admin/genres")
@RolesAllowed(Account.ROLE_ADMIN)
@Tag(name = "Administration")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing or invalid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The caller is not an administrator",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AdminGenreResource {

    static final String SLUG = "^[a-z0-9]+(-[a-z0-9]+)*$";

    private final GenreAdmin genres;

    public AdminGenreResource(GenreAdmin genres) {
        this.genres = genres;
    }

    /** A new genre: a lowercase slug (letters, digits, single hyphens) and a display name. */
    public record CreateGenreRequest(
            @NotBlank @Size(max = 40) @Pattern(regexp = SLUG, message = "must be lowercase letters and digits, words joined by single hyphens") String slug,
            @NotBlank @Size(max = 60) String name) {
    }

    public record GenrePatch(@NotBlank @Size(max = 60) String name) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a genre")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = GenreView.class)))
    @APIResponse(responseCode = "400", description = "Invalid slug or name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The slug is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<GenreView>> create(@Valid @NotNull CreateGenreRequest request) {
        return genres.create(request.slug(), request.name()).map(genre -> RestResponse.ResponseBuilder
                .<GenreView>created(URI.create("/api/v1/genres")).entity(genre).build());
    }

    @PATCH
    @Path("/{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename a genre (its slug stays)")
    @APIResponse(responseCode = "200", description = "The renamed genre")
    @APIResponse(responseCode = "404", description = "No such genre",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<GenreView> rename(@PathParam("slug") String slug, @Valid @NotNull GenrePatch patch) {
        return genres.rename(slug, patch.name());
    }

    @DELETE
    @Path("/{slug}")
    @ResponseStatus(204)
    @Operation(summary = "Remove a genre that no title uses")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such genre",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Titles still use the genre",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> delete(@PathParam("slug") String slug) {
        return genres.delete(slug);
    }
}
