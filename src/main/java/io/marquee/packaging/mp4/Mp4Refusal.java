package io.marquee.packaging.mp4;

/** Why a file cannot be packaged; the message is a sentence for the uploader (it goes into problem+json detail). */
public final class Mp4Refusal extends Exception {

    /**
     * At upload every reason is a 422: the body is an MP4 as its Content-Type says, it is its content that cannot be
     * packaged (the reason is also what {@code media_index_error.reason} records).
     */
    public enum Reason { MALFORMED, TRUNCATED, UNSUPPORTED_CODEC, EMPTY_TRACK, NO_VIDEO, TOO_LARGE, UNSUPPORTED_LAYOUT }

    private final Reason reason;

    public Mp4Refusal(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
