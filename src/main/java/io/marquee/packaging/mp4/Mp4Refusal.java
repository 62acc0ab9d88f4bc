package io.marquee.packaging.mp4;

/** Why a file cannot be packaged; the message is a sentence for the uploader (it goes into problem+json detail). */
public final class Mp4Refusal extends Exception {

    /** UNSUPPORTED_CODEC maps to 415, everything else to 422. */
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
