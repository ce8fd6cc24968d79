package io.switchboard.reporting.jdbc;

import java.time.Instant;

/** Durations as the views show them: the vendor's whole seconds (truncated), null if a bound is unknown. */
public final class Durations {
    private Durations() {
    }

    /** Whole seconds from {@code start} to {@code end} (never negative), null if either is unknown. */
    public static Long seconds(Instant start, Instant end) {
        return start == null || end == null ? null : Math.max(0, end.getEpochSecond() - start.getEpochSecond()
                - (end.getNano() < start.getNano() ? 1 : 0));
    }

    public static Long seconds(Long millis) {
        return millis == null ? null : millis / 1000;
    }
}
