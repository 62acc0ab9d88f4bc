package io.marquee.account.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.marquee.account.Caller;
import io.marquee.account.model.MaturityLevel;
import io.marquee.account.rest.ProfileDtos.CreateProfileRequest;
import io.marquee.account.rest.ProfileDtos.ProfileList;
import io.marquee.account.rest.ProfileDtos.ProfilePatch;
import io.marquee.account.rest.ProfileDtos.ProfileView;
import io.marquee.account.rest.ProfileDtos.SelectProfileRequest;
import io.marquee.account.service.ProfileService;
import io.marquee.account.service.ProfileService.ProfileChanges;
import io.marquee.account.token.TokenPair;
import io.marquee.common.problem.ApiException;
import io.marquee.common.problem.Problem;
import io.marquee.common.problem.Problem.FieldError;
import io.marquee.common.problem.ProblemType;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The profiles of the caller's account, and selecting one. */
@Path("/api/v1/profiles")
@Authenticated
@Tag(name = "Profiles")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing, invalid, expired or revoked access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ProfileResource {

    private final ProfileService profiles;
    private final Caller caller;

    public ProfileResource(ProfileService profiles, Caller caller) {
        this.profiles = profiles;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The account's profiles")
    @APIResponse(responseCode = "200", description = "Profiles, oldest first")
    public Uni<ProfileList> list() {
        return profiles.list(caller.accountId())
                .map(list -> new ProfileList(list.stream().map(ProfileView::of).toList()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a profile (at most 5 per account)")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid name, maturity level or PIN",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The account already has 5 profiles",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<ProfileView>> create(@Valid @NotNull CreateProfileRequest request) {
        return profiles.create(caller.accountId(), request.name(), request.maturityLevel(), request.pin())
                .map(profile -> RestResponse.ResponseBuilder.<ProfileView>created(URI.create("/api/v1/profiles/" + profile.id))
                        .entity(ProfileView.of(profile)).build());
    }

    @PATCH
    @Path("/{profileId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename, change maturity level, set or clear (\"pin\": null) the PIN")
    @RequestBody(content = @Content(schema = @Schema(implementation = ProfilePatch.class)))
    @APIResponse(responseCode = "200", description = "The changed profile")
    @APIResponse(responseCode = "400", description = "Invalid field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such profile in this account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ProfileView> update(@PathParam("profileId") UUID profileId, @NotNull JsonNode body) {
        return profiles.update(caller.accountId(), profileId, changes(body)).map(ProfileView::of);
    }

    @DELETE
    @Path("/{profileId}")
    @ResponseStatus(204)
    @Operation(summary = "Delete a profile")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such profile in this account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> delete(@PathParam("profileId") UUID profileId) {
        return profiles.delete(caller.accountId(), profileId);
    }

    @POST
    @Path("/{profileId}/select")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Operation(summary = "Select a profile: returns tokens scoped to it (the PIN is required when it is locked)")
    @APIResponse(responseCode = "200", description = "Profile-scoped token pair")
    @APIResponse(responseCode = "403", description = "Wrong or missing PIN",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such profile in this account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many wrong PINs; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TokenPair> select(@PathParam("profileId") UUID profileId, @Valid SelectProfileRequest request) {
        return profiles.select(caller.accountId(), caller.sessionId(), profileId, request == null ? null : request.pin());
    }

    private static ProfileChanges changes(JsonNode body) {
        if (!body.isObject()) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, "The body must be a JSON object.");
        }
        List<FieldError> errors = new ArrayList<>();
        Optional<String> name = Optional.empty();
        Optional<Integer> level = Optional.empty();
        Optional<Optional<String>> pin = Optional.empty();
        if (body.has("name")) {
            JsonNode value = body.get("name");
            if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > 50) {
                errors.add(new FieldError("name", "must be 1 to 50 characters"));
            } else {
                name = Optional.of(value.asText());
            }
        }
        if (body.has("maturityLevel")) {
            JsonNode value = body.get("maturityLevel");
            if (!value.isInt() || !MaturityLevel.LEVELS.contains(value.asInt())) {
                errors.add(new FieldError("maturityLevel", "must be one of 0, 7, 13, 16, 18"));
            } else {
                level = Optional.of(value.asInt());
            }
        }
        if (body.has("pin")) {
            JsonNode value = body.get("pin");
            if (value.isNull()) {
                pin = Optional.of(Optional.empty());
            } else if (!value.isTextual() || !value.asText().matches(ProfileDtos.PIN_PATTERN)) {
                errors.add(new FieldError("pin", ProfileDtos.PIN_MESSAGE));
            } else {
                pin = Optional.of(Optional.of(value.asText()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(Problem.of(ProblemType.VALIDATION, "The request has invalid fields.").withErrors(errors),
                    Map.of());
        }
        return new ProfileChanges(name, level, pin);
    }
}
