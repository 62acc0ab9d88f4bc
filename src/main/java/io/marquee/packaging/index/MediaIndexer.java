package io.marquee.packaging.index;

import io.marquee.packaging.PackagingConfig;
import io.marquee.packaging.mp4.MediaIndex;
import io.marquee.packaging.mp4.MediaIndexCodec;
import io.marquee.packaging.mp4.Mp4IndexReader;
import io.marquee.packaging.mp4.Mp4Refusal;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Builds the index of an MP4 from its moov box with the configured segment target, ready to store. Always on a
 * worker thread: reading and encoding take about 2 ms for the 40 s sample and 0.3 s for a 2-hour film
 * (docs/FMP4.md), and it happens once per upload, so the hop costs nothing that matters.
 */
@ApplicationScoped
public class MediaIndexer {

    private static final Logger LOG = Logger.getLogger(MediaIndexer.class);

    private final Duration segmentTarget;
    private final long maxMoovBytes;

    @Inject
    public MediaIndexer(PackagingConfig config) {
        this(config.segmentTarget(), config.maxMoovSize().asLongValue());
    }

    public MediaIndexer(Duration segmentTarget, long maxMoovBytes) {
        if (segmentTarget.isNegative() || segmentTarget.isZero() || segmentTarget.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("marquee.packaging.segment-target must be positive");
        }
        this.segmentTarget = segmentTarget;
        this.maxMoovBytes = Math.min(maxMoovBytes, Mp4IndexReader.MAX_MOOV_BYTES);
    }

    /** The largest moov box indexed; a bigger one is refused before it is read into memory. */
    public long maxMoovBytes() {
        return maxMoovBytes;
    }

    /**
     * The index of the moov box (header included), built on a worker thread; fails with {@link Mp4Refusal} when it
     * cannot be packaged.
     */
    public Uni<IndexedMedia> index(byte[] moov) {
        return Uni.createFrom().<IndexedMedia>emitter(emitter -> {
            try {
                emitter.complete(build(moov));
            } catch (Mp4Refusal refusal) {
                emitter.fail(refusal);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private IndexedMedia build(byte[] moov) throws Mp4Refusal {
        if (moov.length > maxMoovBytes) {
            throw tooLarge(moov.length, maxMoovBytes);
        }
        MediaIndex index;
        try {
            index = Mp4IndexReader.read(moov, segmentTarget);
        } catch (RuntimeException e) {
            // The reader bounds-checks every field it reads; reaching here means a shape it does not know.
            LOG.warnf(e, "A moov box of %d bytes could not be read", moov.length);
            throw new Mp4Refusal(Mp4Refusal.Reason.MALFORMED, "The MP4's moov box could not be read: it is damaged"
                    + " or uses a structure Marquee does not know.");
        }
        return new IndexedMedia(index, MediaIndexCodec.encode(index), IndexSummary.of(index),
                (int) segmentTarget.toMillis());
    }

    /** The refusal of a moov box of {@code size} bytes when at most {@code max} are accepted. */
    public static Mp4Refusal tooLarge(long size, long max) {
        return new Mp4Refusal(Mp4Refusal.Reason.TOO_LARGE, String.format(java.util.Locale.ROOT, "The MP4's moov box"
                + " is %,d bytes; at most %,d bytes (%d MiB) can be indexed for adaptive streaming. Its sample tables"
                + " are that large only for a film of many hours: split it, or lower its frame rate.", size, max,
                max / (1024 * 1024)));
    }
}
