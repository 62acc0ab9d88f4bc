package io.marquee.account;

import io.marquee.account.model.Profile;
import io.marquee.common.problem.ApiException;
import io.marquee.common.problem.ProblemType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Resolves the caller into a {@link Viewer}, reading the profile's current maturity level from the database so a
 * change to it applies to the very next request. It joins the caller's Hibernate Reactive session when there is one,
 * and otherwise opens and closes its own, so callers that then query through the pool never hold two connections
 * at once (which would deadlock a busy pool).
 */
@ApplicationScoped
public class ViewerResolver {

    private final Caller caller;

    public ViewerResolver(Caller caller) {
        this.caller = caller;
    }

    /** The viewer, with or without a profile. */
    public Uni<Viewer> viewer() {
        UUID account = caller.accountId();
        return caller.profileId()
                .map(profileId -> profile(account, profileId))
                .orElseGet(() -> Uni.createFrom().item(new Viewer(account, null, null, Viewer.ALL_RATINGS)));
    }

    /** The viewer, which must have selected a profile (else 403 profile-required). */
    public Uni<Viewer> profileViewer() {
        UUID account = caller.accountId();
        return caller.profileId()
                .map(profileId -> profile(account, profileId))
                .orElseGet(() -> Uni.createFrom().failure(profileRequired()));
    }

    private Uni<Viewer> profile(UUID account, UUID profileId) {
        return Panache.withSession(() -> Profile.<Profile>findById(profileId))
                .onItem().ifNull().failWith(ViewerResolver::profileRequired)
                .map(p -> {
                    if (!p.accountId.equals(account)) {
                        throw profileRequired();
                    }
                    return new Viewer(account, p.id, p.name, p.maturityLevel);
                });
    }

    private static ApiException profileRequired() {
        return ApiException.forbidden(ProblemType.PROFILE_REQUIRED,
                "Select a profile first: POST /api/v1/profiles/{profileId}/select.");
    }
}
