package io.marquee.packaging.index;

import io.marquee.packaging.mp4.Mp4Refusal;
import io.smallrye.mutiny.Uni;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads the moov box of a stored MP4 without reading its media: the top-level box headers by small ranged reads
 * (16 bytes each), then exactly the moov's byte range. The layout of the mdat boxes comes along, to check the index.
 */
public final class StoredMoovReader {

    /** Top-level boxes walked at most (an MP4 has a handful: ftyp, moov, free, mdat...). */
    static final int MAX_BOXES = 64;
    private static final int HEADER = 16;

    /** Reads {@code length} bytes of the object from {@code offset}. */
    @FunctionalInterface
    public interface RangeReader {
        Uni<byte[]> read(long offset, int length);
    }

    /** The moov box (header included) and where the media data lies. */
    public record StoredMoov(byte[] moov, MediaDataLayout layout) {
    }

    private final RangeReader reader;
    private final long size;
    private final long maxMoovBytes;
    private final MediaDataLayout layout = new MediaDataLayout();
    private long moovStart = -1;
    private long moovSize;

    private StoredMoovReader(RangeReader reader, long size, long maxMoovBytes) {
        this.reader = reader;
        this.size = size;
        this.maxMoovBytes = maxMoovBytes;
        layout.size(size);
    }

    /** Reads the moov of an object of {@code size} bytes; fails with {@link Mp4Refusal} when there is none to read. */
    public static Uni<StoredMoov> read(RangeReader reader, long size, long maxMoovBytes) {
        if (size < 8) {
            return Uni.createFrom().failure(new Mp4Refusal(Mp4Refusal.Reason.MALFORMED,
                    "The object is not an MP4: it has only " + size + " bytes."));
        }
        return new StoredMoovReader(reader, size, maxMoovBytes).walk(0, 0);
    }

    private Uni<StoredMoov> walk(long at, int boxes) {
        if (at == size) {
            return moov();
        }
        if (boxes == MAX_BOXES) {
            return refused(Mp4Refusal.Reason.UNSUPPORTED_LAYOUT, "The MP4 has more than " + MAX_BOXES
                    + " top-level boxes.");
        }
        if (size - at < 8) {
            return refused(Mp4Refusal.Reason.MALFORMED, "The MP4 is damaged: it ends with " + (size - at)
                    + " bytes that are not a box.");
        }
        return reader.read(at, (int) Math.min(HEADER, size - at)).chain(header -> {
            ByteBuffer b = ByteBuffer.wrap(header);
            long boxSize = b.getInt() & 0xFFFFFFFFL;
            String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
            int headerLength = 8;
            if (boxSize == 1) {
                if (header.length < 16) {
                    return refused(Mp4Refusal.Reason.TRUNCATED, "The MP4 is truncated inside a box header.");
                }
                boxSize = b.getLong();
                headerLength = 16;
            } else if (boxSize == 0) {
                boxSize = size - at;
            }
            if (boxes == 0 && !type.equals("ftyp")) {
                return refused(Mp4Refusal.Reason.MALFORMED, "The object is not an MP4: it does not start with an"
                        + " ftyp box.");
            }
            if (boxSize < headerLength) {
                return refused(Mp4Refusal.Reason.MALFORMED, "The MP4 is damaged: its box '" + printable(type)
                        + "' at byte " + at + " has an impossible size (" + boxSize + ").");
            }
            if (boxSize > size - at) {
                return refused(Mp4Refusal.Reason.TRUNCATED, String.format(Locale.ROOT, "The MP4 is truncated: its"
                        + " %s box at byte %,d declares %,d bytes but the file ends %,d bytes later.",
                        printable(type), at, boxSize, size - at));
            }
            if (type.equals("moov")) {
                if (moovStart >= 0) {
                    return refused(Mp4Refusal.Reason.MALFORMED, "The MP4 has more than one moov box.");
                }
                if (boxSize > maxMoovBytes) {
                    return Uni.createFrom().failure(MediaIndexer.tooLarge(boxSize, maxMoovBytes));
                }
                moovStart = at;
                moovSize = boxSize;
            } else if (type.equals("mdat")) {
                layout.mdat(at + headerLength, at + boxSize);
            }
            return walk(at + boxSize, boxes + 1);
        });
    }

    private Uni<StoredMoov> moov() {
        if (moovStart < 0) {
            return refused(Mp4Refusal.Reason.MALFORMED, "The MP4 has no moov box.");
        }
        return reader.read(moovStart, (int) moovSize).map(moov -> new StoredMoov(moov, layout));
    }

    private static <T> Uni<T> refused(Mp4Refusal.Reason reason, String message) {
        return Uni.createFrom().failure(new Mp4Refusal(reason, message));
    }

    private static String printable(String type) {
        return type.replaceAll("[^A-Za-z0-9 ]", "?");
    }
}
