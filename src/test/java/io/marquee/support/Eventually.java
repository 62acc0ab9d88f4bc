package io.marquee.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition that another instance or a notification makes true, up to a deadline. */
public final class Eventually {

    private Eventually() {
    }

    /** Returns how long the condition took; throws when it is still false after {@code within}. */
    public static Duration within(Duration within, BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("Condition still false after " + within);
    }
}
