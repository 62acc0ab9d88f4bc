package io.marquee.catalog.rest;

import io.marquee.account.model.Account;
import io.marquee.catalog.command.CatalogCommands.CreateEpisodeRequest;
import io.marquee.catalog.command.CatalogCommands.CreateTitleRequest;
import io.marquee.catalog.command.CatalogCommands.TitlePatch;
import io.marquee.catalog.service.CatalogAdmin;
import io.marquee.catalog.view.CatalogViews.EpisodeView;
import io.marquee.catalog.view.CatalogViews.TitleDetail;
import io.marquee.common.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import java.util.UUID;

/** Catalog administration: titles, seasons and episodes. Media uploads are {@code MediaUploadRoutes}. */
@Path("/api/v1/admin")
@RolesAllowed(Account.ROLE_ADMIN)
@Tag(name = "Administration")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing or invalid access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The caller is not an administrator",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "The database or S3 is unavailable",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AdminCatalogResource {

    private final CatalogAdmin admin;

    public AdminCatalogResource(CatalogAdmin admin) {
        this.admin = admin;
    }

    @POST
    @Path("/titles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a title")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = TitleDetail.class)))
    @APIResponse(responseCode = "400", description = "Invalid field or unknown genre",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<TitleDetail>> create(@Valid @NotNull CreateTitleRequest request) {
        return admin.create(request).map(title -> RestResponse.ResponseBuilder
                .<TitleDetail>created(URI.create("/api/v1/titles/" + title.id())).entity(title).build());
    }

    @PATCH
    @Path("/titles/{titleId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a title; fields left out keep their value")
    @APIResponse(responseCode = "200", description = "The changed title")
    @APIResponse(responseCode = "400", description = "Invalid field or unknown genre",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such title",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TitleDetail> update(@PathParam("titleId") UUID titleId, @Valid @NotNull TitlePatch patch) {
        return admin.update(titleId, patch);
    }

    @DELETE
    @Path("/titles/{titleId}")
    @ResponseStatus(204)
    @Operation(summary = "Delete a title with its seasons, episodes and media (objects included)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such title",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> delete(@PathParam("titleId") UUID titleId) {
        return admin.delete(titleId);
    }

    @POST
    @Path("/titles/{titleId}/seasons/{seasonNumber}/episodes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an episode to a season of a series (the season is created when new)")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = EpisodeView.class)))
    @APIResponse(responseCode = "400", description = "Invalid field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such title",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The title is a movie, or the episode number is taken",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<EpisodeView>> addEpisode(@PathParam("titleId") UUID titleId,
                                                     @PathParam("seasonNumber") int seasonNumber,
                                                     @Valid @NotNull CreateEpisodeRequest request) {
        return admin.addEpisode(titleId, seasonNumber, request).map(episode -> RestResponse.ResponseBuilder
                .<EpisodeView>created(URI.create("/api/v1/titles/" + titleId)).entity(episode).build());
    }

    @DELETE
    @Path("/episodes/{episodeId}")
    @ResponseStatus(204)
    @Operation(summary = "Delete an episode and its media (objects included)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such episode",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> deleteEpisode(@PathParam("episodeId") UUID episodeId) {
        return admin.deleteEpisode(episodeId);
    }
}
