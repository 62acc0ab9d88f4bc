package io.marquee.account;

import io.marquee.account.model.Profile;
import io.marquee.common.problem.ApiException;
import io.marquee.common.problem.ProblemType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Resolves the caller into a {@link Viewer}, reading the profile's current maturity level from the database so a
 * change to it applies to the very next request. A profile that is gone or belongs to another account is a 403
 * profile-required. Reads that need nothing else ({@link #viewer()}, {@link #viewerWithProfile()}) cost one prepared
 * query through the pool and no Hibernate Reactive session; {@link #profileViewerInSession()} reads in the caller's
 * session.
 */
@ApplicationScoped
public class ViewerResolver {

    /** The profile ($1) if it belongs to the account ($2). */
    static final String PROFILE = "SELECT name, maturity_level FROM profile WHERE id = $1 AND account_id = $2";

    private final Caller caller;
    private final Pool pool;

    public ViewerResolver(Caller caller, Pool pool) {
        this.caller = caller;
        this.pool = pool;
    }

    /** The viewer, with or without a profile, read through the pool. */
    public Uni<Viewer> viewer() {
        UUID account = caller.accountId();
        return caller.profileId()
                .map(profileId -> pooledProfile(account, profileId))
                .orElseGet(() -> Uni.createFrom().item(new Viewer(account, null, null, Viewer.ALL_RATINGS)));
    }

    /** The viewer, which must have selected a profile (else 403 profile-required), read through the pool. */
    public Uni<Viewer> viewerWithProfile() {
        UUID account = caller.accountId();
        return caller.profileId()
                .map(profileId -> pooledProfile(account, profileId))
                .orElseGet(() -> Uni.createFrom().failure(profileRequired()));
    }

    /**
     * As {@link #viewerWithProfile()}, read in the caller's Hibernate Reactive session (or a session of its own when
     * there is none): a transaction that took a second connection from the pool could deadlock a busy pool.
     */
    public Uni<Viewer> profileViewerInSession() {
        UUID account = caller.accountId();
        return caller.profileId()
                .map(profileId -> sessionProfile(account, profileId))
                .orElseGet(() -> Uni.createFrom().failure(profileRequired()));
    }

    private Uni<Viewer> pooledProfile(UUID account, UUID profileId) {
        return pool.preparedQuery(PROFILE).execute(Tuple.of(profileId, account)).map(rows -> {
            RowIterator<Row> found = rows.iterator();
            if (!found.hasNext()) {
                throw profileRequired();
            }
            Row row = found.next();
            return new Viewer(account, profileId, row.getString("name"), row.getInteger("maturity_level"));
        });
    }

    private static Uni<Viewer> sessionProfile(UUID account, UUID profileId) {
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
