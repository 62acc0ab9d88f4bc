package io.marquee.packaging.index;

import io.marquee.common.problem.ApiException;
import io.marquee.common.problem.ProblemType;
import io.marquee.packaging.mp4.MediaIndex;
import io.marquee.packaging.mp4.RenditionAlignment;
import io.marquee.packaging.mp4.TrackIndex;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps the video renditions of a title (or of one episode) switchable: a new rendition must have its keyframes where
 * the others have theirs. Called inside the transaction that installs it, under the title's row lock, so two
 * renditions uploaded at once are checked against each other too.
 */
@ApplicationScoped
public class RenditionLadder {

    private static final Logger LOG = Logger.getLogger(RenditionLadder.class);

    private final MediaIndexes indexes;

    public RenditionLadder(MediaIndexes indexes) {
        this.indexes = indexes;
    }

    /**
     * Fails with a 422 when {@code candidate} does not align with one of {@code others} (label to asset id, the
     * slot's own label excluded). A rendition that cannot be packaged itself is not compared with.
     */
    public Uni<Void> requireAligned(String label, MediaIndex candidate, Map<String, UUID> others) {
        TrackIndex video = candidate.video().orElseThrow();
        return Multi.createFrom().iterable(others.entrySet())
                .onItem().transformToUniAndConcatenate(other -> indexes.forAsset(other.getValue())
                        .map(index -> mismatch(label, video, other.getKey(), index)))
                .filter(Optional::isPresent)
                .toUni()
                .map(first -> {
                    if (first != null) {
                        throw new ApiException(ProblemType.UNPROCESSABLE, first.get());
                    }
                    return null;
                });
    }

    private static Optional<String> mismatch(String label, TrackIndex candidate, String otherLabel,
                                             Optional<MediaIndex> other) {
        if (other.isEmpty() || other.get().video().isEmpty()) {
            LOG.debugf("Rendition %s is not compared with %s, which has no index", label, otherLabel);
            return Optional.empty();
        }
        return RenditionAlignment.check(other.get().video().get(), candidate)
                .map(why -> "The " + label + " rendition cannot join the " + otherLabel + " rendition. " + why);
    }
}
