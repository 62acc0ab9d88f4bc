package io.marquee.account.model;

/** Subscription plans and how many streams each may play at once. */
public enum Plan {
    BASIC(1), STANDARD(2), PREMIUM(4);

    private final int maxStreams;

    Plan(int maxStreams) {
        this.maxStreams = maxStreams;
    }

    public int maxStreams() {
        return maxStreams;
    }
}
