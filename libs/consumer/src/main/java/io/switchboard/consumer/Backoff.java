package io.switchboard.consumer;

import java.time.Duration;

/** Exponential back-off between attempts: {@code first}, doubling, capped at {@code max}. */
public record Backoff(Duration first, Duration max) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10));

    public Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < first <= max, was " + first + ", " + max);
        }
    }

    /** The wait after failed attempt {@code attempt} (1 = the first failure). */
    public Duration after(int attempt) {
        long millis = first.toMillis();
        for (int i = 1; i < attempt && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
