package io.marquee.playback.rest;

import io.marquee.account.Caller;
import io.marquee.common.problem.Problem;
import io.marquee.playback.rest.PlaybackDtos.EndRequest;
import io.marquee.playback.rest.PlaybackDtos.HeartbeatRequest;
import io.marquee.playback.rest.PlaybackDtos.Playback;
import io.marquee.playback.rest.PlaybackDtos.StartRequest;
import io.marquee.playback.rest.PlaybackDtos.StreamLimitProblem;
import io.marquee.playback.service.PlaybackService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/** Starting, keeping alive and ending playback. */
@Path("/api/v1/playback")
@Authenticated
@Tag(name = "Playback")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing, invalid, expired or revoked access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PlaybackResource {

    private final PlaybackService playback;
    private final Caller caller;

    public PlaybackResource(PlaybackService playback, Caller caller) {
        this.playback = playback;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start playback: takes a stream lease and returns stream URLs carrying a playback grant:"
            + " each rendition's progressive MP4, and the HLS and DASH manifests over all of them (hlsUrl, dashUrl)")
    @APIResponse(responseCode = "201", description = "Playing",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Playback.class)))
    @APIResponse(responseCode = "403", description = "No profile selected, or the title is above the profile's maturity level",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such title or episode",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The plan's stream limit is reached; lists the active streams",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = StreamLimitProblem.class)))
    @APIResponse(responseCode = "422", description = "Nothing playable",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<Playback>> start(@Valid @NotNull StartRequest request) {
        return playback.start(request.titleId(), request.episodeId(), request.deviceName())
                .map(started -> RestResponse.ResponseBuilder.<Playback>created(URI.create("/api/v1/playback/" + started.leaseId()))
                        .entity(started).build());
    }

    @PUT
    @Path("/{leaseId}/heartbeat")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(204)
    @Operation(summary = "Keep the stream's lease and record the position")
    @APIResponse(responseCode = "204", description = "Lease renewed")
    @APIResponse(responseCode = "404", description = "No such stream in this account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "The stream has ended (ended, or lapsed without heartbeat)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> heartbeat(@PathParam("leaseId") UUID leaseId, @Valid @NotNull HeartbeatRequest request) {
        return playback.heartbeat(caller.accountId(), leaseId, request.positionSeconds());
    }

    @DELETE
    @Path("/{leaseId}")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @ResponseStatus(204)
    @Operation(summary = "End a stream of the account (from any profile); its URLs stop working on every instance")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(responseCode = "404", description = "No such stream in this account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> end(@PathParam("leaseId") UUID leaseId, @Valid EndRequest request) {
        return playback.end(caller.accountId(), leaseId, request == null ? null : request.positionSeconds());
    }
}
