package io.marquee.media.ingest;

import io.marquee.packaging.index.MediaIndexer;
import io.smallrye.mutiny.Uni;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Checks an upload against its declared content type while it streams through, by its first bytes (and, for MP4,
 * its box structure and its moov, indexed for packaging). {@link #accept} throws {@link IngestRefusal}, and the Uni of
 * {@link #finish} fails with one.
 */
public abstract class ContentCheck {

    /** A check for the declared type, or null when the type is not a media type Marquee stores. */
    public static ContentCheck forType(String contentType, MediaIndexer indexer) {
        return switch (contentType) {
            case "video/mp4" -> new Mp4Check(indexer);
            case "text/vtt" -> new Signature(contentType, 10, ContentCheck::isWebVtt, "WebVTT (it must start with WEBVTT)");
            case "image/jpeg" -> new Signature(contentType, 3,
                    head -> startsWith(head, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}), "a JPEG image");
            case "image/png" -> new Signature(contentType, 24,
                    head -> startsWith(head, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}),
                    "a PNG image");
            case "image/webp" -> new Signature(contentType, 12, head -> head.length >= 12
                    && startsWith(head, "RIFF".getBytes(StandardCharsets.US_ASCII))
                    && Arrays.equals(head, 8, 12, "WEBP".getBytes(StandardCharsets.US_ASCII), 0, 4), "a WebP image");
            default -> null;
        };
    }

    /** The next bytes of the body. */
    public abstract void accept(byte[] bytes, int offset, int length);

    /** The body has ended; what was learnt about it, once the work started on it (reading a moov) is done. */
    public abstract Uni<MediaFacts> finish();

    /**
     * Who hears that work running in the background (reading the moov) failed before the body has ended, usually with
     * an {@link IngestRefusal}, so that the upload stops early; called at most once, on any thread.
     */
    public void onFailure(Consumer<Throwable> listener) {
    }

    static boolean startsWith(byte[] head, byte[] prefix) {
        return head.length >= prefix.length && Arrays.equals(head, 0, prefix.length, prefix, 0, prefix.length);
    }

    static boolean isWebVtt(byte[] head) {
        int start = startsWith(head, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}) ? 3 : 0;
        byte[] magic = "WEBVTT".getBytes(StandardCharsets.US_ASCII);
        if (head.length < start + magic.length || !Arrays.equals(head, start, start + magic.length, magic, 0, magic.length)) {
            return false;
        }
        int after = start + magic.length;
        return after == head.length || head[after] == ' ' || head[after] == '\t' || head[after] == '\n'
                || head[after] == '\r';
    }

    /** Checks the first bytes against a signature once enough of them (or the whole body) have arrived. */
    static final class Signature extends ContentCheck {

        private final String contentType;
        private final byte[] head;
        private final java.util.function.Predicate<byte[]> matches;
        private final String what;
        private int filled;
        private boolean checked;

        Signature(String contentType, int headLength, java.util.function.Predicate<byte[]> matches, String what) {
            this.contentType = contentType;
            this.head = new byte[headLength];
            this.matches = matches;
            this.what = what;
        }

        @Override
        public void accept(byte[] bytes, int offset, int length) {
            if (checked) {
                return;
            }
            int n = Math.min(length, head.length - filled);
            System.arraycopy(bytes, offset, head, filled, n);
            filled += n;
            if (filled == head.length) {
                check(head);
            }
        }

        @Override
        public Uni<MediaFacts> finish() {
            if (!checked) {
                try {
                    check(Arrays.copyOf(head, filled));
                } catch (IngestRefusal refusal) {
                    return Uni.createFrom().failure(refusal);
                }
            }
            if ("image/png".equals(contentType) && filled >= 24) {
                return Uni.createFrom().item(new MediaFacts(readInt(head, 16), readInt(head, 20), null));
            }
            return Uni.createFrom().item(MediaFacts.NONE);
        }

        private void check(byte[] bytes) {
            checked = true;
            if (!matches.test(bytes)) {
                throw IngestRefusal.wrongType("The body is not " + what + ", as its Content-Type " + contentType
                        + " says.");
            }
        }

        private static int readInt(byte[] bytes, int at) {
            return ((bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8)
                    | (bytes[at + 3] & 0xFF);
        }
    }
}
