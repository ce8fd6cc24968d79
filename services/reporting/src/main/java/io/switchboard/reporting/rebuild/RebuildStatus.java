package io.switchboard.reporting.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A rebuild's progress as the admin API shows it (a snapshot; the rebuild thread publishes new ones; times from the service clock). */
public record RebuildStatus(long id, List<String> projections, String state, long eventsApplied,
                            double eventsPerSecond, long lag, Instant startedAt, Instant finishedAt, String error) {
    public static final String REPLAYING = "replaying";
    public static final String SWAPPING = "swapping";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    static RebuildStatus started(long id, List<String> projections, Instant now) {
        return new RebuildStatus(id, projections, REPLAYING, 0, 0, -1, now, null, null);
    }

    RebuildStatus progress(String state, long applied, long lag, Instant now) {
        double seconds = Math.max(0.001, Duration.between(startedAt, now).toMillis() / 1000.0);
        return new RebuildStatus(id, projections, state, applied, Math.round(applied / seconds * 10) / 10.0, lag,
                startedAt, null, null);
    }

    RebuildStatus finished(String state, String error, Instant now) {
        return new RebuildStatus(id, projections, state, eventsApplied, eventsPerSecond, state.equals(COMPLETED) ? 0 : lag,
                startedAt, now, error);
    }

    public boolean running() {
        return finishedAt == null;
    }
}
