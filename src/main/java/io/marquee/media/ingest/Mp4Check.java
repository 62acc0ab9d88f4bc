package io.marquee.media.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Walks the top-level boxes of an MP4 as it streams: the first must be {@code ftyp}; {@code moov} must come before
 * {@code mdat}, so a player can start without the whole file; the last box must end with the body. The {@code moov}
 * box (when reasonably small) is kept to read the duration and picture size.
 */
public final class Mp4Check extends ContentCheck {

    static final String FASTSTART = "Its moov box comes after mdat, so players would have to download the whole file"
            + " before starting. Move it to the front, e.g. `ffmpeg -i in.mp4 -c copy -movflags +faststart out.mp4`,"
            + " and upload again.";
    private static final int MAX_MOOV_KEPT = 4 * 1024 * 1024;

    private final byte[] header = new byte[16];
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

    @Override
    public void accept(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (inBody) {
                long skip = toEndOfFile ? end - i : Math.min(end - i, boxEnd - position);
                if (moov != null && moovFilled < moov.length) {
                    int n = (int) Math.min(skip, moov.length - moovFilled);
                    System.arraycopy(bytes, i, moov, moovFilled, n);
                    moovFilled += n;
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
        if ("mdat".equals(type) && !moovSeen) {
            throw IngestRefusal.unusable(FASTSTART);
        }
        if ("moov".equals(type)) {
            moovSeen = true;
            if (size != 0 && size <= MAX_MOOV_KEPT) {
                moov = new byte[(int) size - headerLength];
            }
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

    @Override
    public MediaFacts finish() {
        if (boxes == 0 && headerFilled == 0) {
            throw IngestRefusal.wrongType("The body is empty.");
        }
        if (headerFilled > 0 || (inBody && !toEndOfFile && position < boxEnd)) {
            if (boxes == 0) {
                throw IngestRefusal.wrongType("The body is not an MP4 video, as its Content-Type video/mp4 says.");
            }
            throw IngestRefusal.unusable("The MP4 is truncated: its last box ends after the end of the upload.");
        }
        if (!moovSeen) {
            throw IngestRefusal.unusable("The MP4 has no moov box, so it cannot be played.");
        }
        return moov != null && moovFilled == moov.length ? Mp4Metadata.read(moov) : MediaFacts.NONE;
    }

    private static String printable(String type) {
        return type.replaceAll("[^A-Za-z0-9 ]", "?");
    }
}
