package io.marquee.media.rest;

import io.marquee.account.model.Account;
import io.marquee.common.problem.Problem;
import io.marquee.media.rest.AdminMediaDtos.BackfillFailure;
import io.marquee.media.rest.AdminMediaDtos.BackfillReport;
import io.marquee.media.service.MediaLadder;
import io.marquee.media.view.MediaViews.EpisodeMedia;
import io.marquee.media.view.MediaViews.TitleMedia;
import io.marquee.packaging.index.IndexBackfill;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
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

import java.util.UUID;

/** The media of titles as administrators review it, and the index backfill. Uploads are {@code MediaUploadRoutes}. */
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
public class AdminMediaResource {

    private final MediaLadder ladder;
    private final IndexBackfill backfill;

    public AdminMediaResource(MediaLadder ladder, IndexBackfill backfill) {
        this.ladder = ladder;
        this.backfill = backfill;
    }

    @GET
    @Path("/titles/{titleId}/media")
    @Operation(summary = "A title's media: the ladder of video renditions (highest first, with codecs, bitrates,"
            + " frame rate, segments and whether each is indexed for adaptive streaming or why not), subtitles and"
            + " artwork; a series' episodes each with their own")
    @APIResponse(responseCode = "200", description = "The title's media",
            content = @Content(schema = @Schema(implementation = TitleMedia.class)))
    @APIResponse(responseCode = "404", description = "No such title",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TitleMedia> titleMedia(@PathParam("titleId") UUID titleId) {
        return ladder.forTitle(titleId);
    }

    @GET
    @Path("/episodes/{episodeId}/media")
    @Operation(summary = "An episode's ladder of video renditions and its subtitles")
    @APIResponse(responseCode = "200", description = "The episode's media",
            content = @Content(schema = @Schema(implementation = EpisodeMedia.class)))
    @APIResponse(responseCode = "404", description = "No such episode",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<EpisodeMedia> episodeMedia(@PathParam("episodeId") UUID episodeId) {
        return ladder.forEpisode(episodeId);
    }

    @POST
    @Path("/media/index")
    @Operation(summary = "Index every video asset that has no packaging index yet (reading only box headers and the"
            + " moov of each object), retrying those that failed before")
    @APIResponse(responseCode = "200", description = "What the run did",
            content = @Content(schema = @Schema(implementation = BackfillReport.class)))
    public Uni<BackfillReport> backfill() {
        return backfill.run(true).map(report -> new BackfillReport(report.indexed(), report.failed().stream()
                .map(f -> new BackfillFailure(f.assetId(), f.reason(), f.detail())).toList(), report.alreadyIndexed()));
    }
}
