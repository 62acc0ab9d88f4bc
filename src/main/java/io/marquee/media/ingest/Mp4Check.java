package io.marquee.media.ingest;

import io.marquee.packaging.index.IndexedMedia;
import io.marquee.packaging.index.MediaDataLayout;
import io.marquee.packaging.index.MediaIndexer;
import io.marquee.packaging.mp4.Mp4Refusal;
import io.smallrye.mutiny.Uni;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Walks the top-level boxes of an MP4 as it streams: the first must be {@code ftyp}; {@code moov} must come before
 * {@code mdat}, so a player can start without the whole file; the last box must end with the body. The {@code moov}
 * box is kept as it passes (up to the indexer's bound) and indexed for packaging as soon as it is whole, while the
 * media data goes on streaming to S3; at the end the index is checked against where the media data lies.
 */
public final class Mp4Check extends ContentCheck {

    static final String FASTSTART = "Its moov box comes after mdat, so players would have to download the whole file"
            + " before starting. Move it to the front, e.g. `ffmpeg -i in.mp4 -c copy -movflags +faststart out.mp4`,"
            + " and upload again.";
    private static final int FIRST_MOOV_BUFFER = 64 * 1024;

    private final MediaIndexer indexer;
    private final byte[] header = new byte[16];
    private final MediaDataLayout layout = new MediaDataLayout();
    private int headerFilled;
    private long position;
    private long boxStart;
    private long boxEnd;
    private boolean inBody;
    private boolean toEndOfFile;
    private int boxes;
    private boolean moovSeen;
    private byte[] moov;
    private int moovFilled;
    private int moovSize;
    private CompletableFuture<IndexedMedia> indexing;
    private Consumer<Throwable> failures;

    Mp4Check(MediaIndexer indexer) {
        this.indexer = indexer;
    }

    @Override
    public void accept(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (inBody) {
                long skip = toEndOfFile ? end - i : Math.min(end - i, boxEnd - position);
                if (moov != null) {
                    keepMoov(bytes, i, (int) skip);
                }
                i += (int) skip;
                position += skip;
                if (!toEndOfFile && position == boxEnd) {
                    inBody = false;
                    boxStart = boxEnd;
                }
            } else {
                header[headerFilled++] = bytes[i++];
                position++;
                readHeaderIfComplete();
            }
        }
    }

    private void readHeaderIfComplete() {
        if (headerFilled < 8) {
            return;
        }
        long size = ByteBuffer.wrap(header, 0, 4).getInt() & 0xFFFFFFFFL;
        if (size == 1 && headerFilled < 16) {
            return;
        }
        String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
        int headerLength = size == 1 ? 16 : 8;
        if (size == 1) {
            size = ByteBuffer.wrap(header, 8, 8).getLong();
        }
        if (boxes == 0 && !"ftyp".equals(type)) {
            throw IngestRefusal.wrongType("The body is not an MP4 video, as its Content-Type video/mp4 says"
                    + " (it does not start with an ftyp box).");
        }
        if (size != 0 && size < headerLength) {
            throw IngestRefusal.unusable("The MP4 is damaged: box '" + printable(type) + "' at byte " + boxStart
                    + " has an impossible size.");
        }
        if ("mdat".equals(type)) {
            if (!moovSeen) {
                throw IngestRefusal.unusable(FASTSTART);
            }
            layout.mdat(boxStart + headerLength, size == 0 ? -1 : boxStart + size);
        }
        if ("moov".equals(type)) {
            startMoov(size, headerLength);
        }
        boxes++;
        toEndOfFile = size == 0;
        boxEnd = toEndOfFile ? Long.MAX_VALUE : boxStart + size;
        headerFilled = 0;
        inBody = position < boxEnd;
        if (!inBody) {
            boxStart = boxEnd;
        }
    }

    private void startMoov(long size, int headerLength) {
        if (moovSeen) {
            throw IngestRefusal.unusable("The MP4 has more than one moov box.");
        }
        moovSeen = true;
        if (size == 0) {
            throw IngestRefusal.unusable("The MP4's moov box runs to the end of the file, so no media data follows"
                    + " it.");
        }
        if (size > indexer.maxMoovBytes()) {
            // Refused from its header, before any of it is held: the bound is what an upload may keep in memory.
            throw refusal(MediaIndexer.tooLarge(size, indexer.maxMoovBytes()));
        }
        moovSize = (int) size;
        moov = new byte[Math.min(moovSize, FIRST_MOOV_BUFFER)];
        System.arraycopy(header, 0, moov, 0, headerLength);
        moovFilled = headerLength;
        if (moovFilled == moovSize) {
            indexMoov();
        }
    }

    /** Keeps moov bytes in a buffer that grows as they arrive, so a header announcing a big box costs nothing yet. */
    private void keepMoov(byte[] bytes, int at, int length) {
        if (moovFilled + length > moov.length) {
            moov = Arrays.copyOf(moov, (int) Math.min(moovSize, Math.max(moovFilled + length, 2L * moov.length)));
        }
        System.arraycopy(bytes, at, moov, moovFilled, length);
        moovFilled += length;
        if (moovFilled == moovSize) {
            indexMoov();
        }
    }

    private void indexMoov() {
        byte[] whole = moov;
        moov = null;
        indexing = indexer.index(whole).subscribeAsCompletionStage();
        indexing.whenComplete((indexed, failure) -> {
            if (failure != null) {
                Consumer<Throwable> listener;
                synchronized (this) {
                    listener = failures;
                }
                if (listener != null) {
                    listener.accept(refusal(failure));
                }
            }
        });
    }

    @Override
    public synchronized void onFailure(Consumer<Throwable> listener) {
        this.failures = listener;
    }

    @Override
    public Uni<MediaFacts> finish() {
        if (boxes == 0 && headerFilled == 0) {
            return refused(IngestRefusal.wrongType("The body is empty."));
        }
        if (headerFilled > 0 || (inBody && !toEndOfFile && position < boxEnd)) {
            if (boxes == 0) {
                return refused(IngestRefusal.wrongType("The body is not an MP4 video, as its Content-Type video/mp4"
                        + " says."));
            }
            String box = moov != null ? "its moov box" : "its last box";
            return refused(IngestRefusal.unusable(String.format(Locale.ROOT, "The MP4 is truncated: %s ends after"
                    + " the end of the upload (%,d bytes arrived).", box, position)));
        }
        if (!moovSeen) {
            return refused(IngestRefusal.unusable("The MP4 has no moov box, so it cannot be played."));
        }
        layout.size(position);
        return Uni.createFrom().completionStage(indexing)
                .onFailure().transform(Mp4Check::refusal)
                .map(indexed -> {
                    try {
                        layout.check(indexed.index());
                    } catch (Mp4Refusal refusal) {
                        throw refusal(refusal);
                    }
                    return MediaFacts.of(indexed);
                });
    }

    private static Uni<MediaFacts> refused(IngestRefusal refusal) {
        return Uni.createFrom().failure(refusal);
    }

    /** What a failure of the index tells the uploader: a refusal of the reader is a 422 with its sentence. */
    private static RuntimeException refusal(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof Mp4Refusal refused) {
            return IngestRefusal.unusable(refused.getMessage());
        }
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }

    private static String printable(String type) {
        return type.replaceAll("[^A-Za-z0-9 ]", "?");
    }
}
