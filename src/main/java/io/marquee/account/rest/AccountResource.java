package io.marquee.account.rest;

import io.marquee.account.Caller;
import io.marquee.account.rest.AccountDtos.AccountView;
import io.marquee.account.rest.AccountDtos.PasswordChange;
import io.marquee.account.rest.AccountDtos.PlanRequest;
import io.marquee.account.token.TokenPair;
import io.marquee.account.service.AccountService;
import io.marquee.common.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's account and plan. */
@Path("/api/v1/account")
@Authenticated
@Tag(name = "Accounts and tokens")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "Missing, invalid, expired or revoked access token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AccountResource {

    private final AccountService accounts;
    private final Caller caller;

    public AccountResource(AccountService accounts, Caller caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The caller's account, plan, stream limit and roles")
    @APIResponse(responseCode = "200", description = "The account")
    public Uni<AccountView> get() {
        return accounts.get(caller.accountId()).map(AccountView::of);
    }

    @PUT
    @Path("/plan")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change plan: BASIC (1 stream), STANDARD (2), PREMIUM (4)")
    @APIResponse(responseCode = "200", description = "The account with its new plan")
    @APIResponse(responseCode = "400", description = "Unknown plan",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AccountView> changePlan(@Valid @NotNull PlanRequest request) {
        return accounts.changePlan(caller.accountId(), request.plan()).map(AccountView::of);
    }

    @PUT
    @Path("/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the password: every login ends and earlier access tokens stop working; returns new tokens")
    @APIResponse(responseCode = "200", description = "Changed; a new token pair for this device")
    @APIResponse(responseCode = "400", description = "New password not 8 to 128 characters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Current password wrong",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TokenPair> changePassword(@Valid @NotNull PasswordChange request) {
        return accounts.changePassword(caller.accountId(), request.currentPassword(), request.newPassword());
    }
}
