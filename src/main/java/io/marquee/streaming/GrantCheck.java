package io.marquee.streaming;

import io.marquee.account.revocation.RevocationRegistry;
import io.marquee.common.problem.Problem;
import io.marquee.common.problem.ProblemType;
import io.marquee.playback.grant.Grants;
import io.marquee.playback.grant.PlaybackGrant;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Whether a playback grant opens a byte resource: signed by us, not expired, its lease not ended on any instance
 * (the in-memory revocations, no database), and, for an asset, that the asset is one of the grant's.
 */
@ApplicationScoped
public class GrantCheck {

    private final Grants grants;
    private final RevocationRegistry revocations;

    public GrantCheck(Grants grants, RevocationRegistry revocations) {
        this.grants = grants;
        this.revocations = revocations;
    }

    /** What the check found: the grant and the asset it opens, or the problem to answer. */
    public sealed interface Outcome {
    }

    public record Allowed(PlaybackGrant grant) implements Outcome {
    }

    public record Refused(Problem problem) implements Outcome {
    }

    /** The grant in {@code token} alone (a manifest naming the grant's own assets). */
    public Outcome check(String token) {
        Optional<PlaybackGrant> grant = grants.verify(token);
        if (grant.isEmpty() || !Instant.now().isBefore(grant.get().expiresAt())) {
            return new Refused(Problem.of(ProblemType.UNAUTHORIZED,
                    "A valid playback grant is required: start playback to get stream URLs."));
        }
        if (revocations.isLeaseEnded(grant.get().leaseId())) {
            return new Refused(Problem.of(ProblemType.FORBIDDEN, "This stream has ended."));
        }
        return new Allowed(grant.get());
    }

    /** The grant in {@code token} for the asset named by {@code assetId} (a path parameter, maybe not a UUID). */
    public Outcome check(String token, String assetId) {
        Outcome outcome = check(token);
        if (outcome instanceof Allowed allowed && !allowed.grant().assetIds().contains(uuid(assetId).orElse(null))) {
            return new Refused(Problem.of(ProblemType.FORBIDDEN, "This grant does not open this asset."));
        }
        return outcome;
    }

    /** The UUID in a path parameter, if it is one. */
    public static Optional<UUID> uuid(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
