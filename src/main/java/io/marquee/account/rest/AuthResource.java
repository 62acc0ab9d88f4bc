package io.marquee.account.rest;

import io.marquee.account.Caller;
import io.marquee.account.rest.AccountDtos.AccountView;
import io.marquee.account.rest.AccountDtos.LoginRequest;
import io.marquee.account.rest.AccountDtos.RefreshRequest;
import io.marquee.account.rest.AccountDtos.SignupRequest;
import io.marquee.account.service.AccountService;
import io.marquee.account.service.AuthService;
import io.marquee.account.throttle.ClientAddress;
import io.marquee.account.token.TokenPair;
import io.marquee.common.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
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

/** Sign-up, sign-in, token refresh and sign-out. */
@Path("/api/v1/auth")
@Tag(name = "Accounts and tokens")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "Invalid or malformed body",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AuthResource {

    private final AuthService auth;
    private final AccountService accounts;
    private final Caller caller;
    private final ClientAddress clientAddress;

    public AuthResource(AuthService auth, AccountService accounts, Caller caller, ClientAddress clientAddress) {
        this.auth = auth;
        this.accounts = accounts;
        this.caller = caller;
        this.clientAddress = clientAddress;
    }

    @POST
    @Path("/signup")
    @PermitAll
    @Operation(summary = "Create an account (plan STANDARD) with a first profile")
    @APIResponse(responseCode = "201", description = "Account created")
    @APIResponse(responseCode = "409", description = "Email already registered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<AccountView>> signup(@Valid @NotNull SignupRequest request) {
        return accounts.signup(request.email(), request.password(), request.name(), false)
                .map(account -> RestResponse.ResponseBuilder.<AccountView>created(URI.create("/api/v1/account"))
                        .entity(AccountView.of(account)).build());
    }

    @POST
    @Path("/login")
    @PermitAll
    @Operation(summary = "Sign in with email and password")
    @APIResponse(responseCode = "200", description = "Signed in")
    @APIResponse(responseCode = "401", description = "Wrong email or password (one answer for both)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many failures from this address; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TokenPair> login(@Valid @NotNull LoginRequest request, @Context HttpServerRequest http) {
        String client = clientAddress.resolve(http.remoteAddress().hostAddress(), http.headers().getAll("X-Forwarded-For"));
        return auth.login(request.email(), request.password(), client);
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @Operation(summary = "Exchange a refresh token for new tokens (the refresh token rotates)")
    @APIResponse(responseCode = "200", description = "New token pair")
    @APIResponse(responseCode = "401", description = "Unknown, expired or already used refresh token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TokenPair> refresh(@Valid @NotNull RefreshRequest request) {
        return auth.refresh(request.refreshToken());
    }

    @POST
    @Path("/logout")
    @Authenticated
    @ResponseStatus(204)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "End the login that this refresh token belongs to")
    @APIResponse(responseCode = "204", description = "Signed out")
    @APIResponse(responseCode = "401", description = "Missing or invalid access token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> logout(@Valid @NotNull RefreshRequest request) {
        return auth.logout(caller.accountId(), request.refreshToken());
    }

    @POST
    @Path("/logout-all")
    @Authenticated
    @ResponseStatus(204)
    @Consumes(MediaType.WILDCARD)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "End every login of the account; earlier access tokens stop working")
    @APIResponse(responseCode = "204", description = "Signed out everywhere")
    @APIResponse(responseCode = "401", description = "Missing or invalid access token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Void> logoutAll() {
        return auth.logoutAll(caller.accountId());
    }
}
