package io.marquee.media.ingest;

/** The uploaded bytes are not acceptable: either not of the declared type (415) or not usable as they are (422). */
public final class IngestRefusal extends RuntimeException {

    public enum Reason { WRONG_TYPE, UNUSABLE }

    private final Reason reason;

    public IngestRefusal(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static IngestRefusal wrongType(String message) {
        return new IngestRefusal(Reason.WRONG_TYPE, message);
    }

    static IngestRefusal unusable(String message) {
        return new IngestRefusal(Reason.UNUSABLE, message);
    }
}
