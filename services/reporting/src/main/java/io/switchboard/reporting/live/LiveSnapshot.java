package io.switchboard.reporting.live;

import java.time.Instant;
import java.util.List;

/**
 * A partner's contact center at one instant ({@code asOf}): every number read in one database snapshot, so the
 * queues, the totals and the agents agree with each other.
 */
public record LiveSnapshot(String partnerId, Instant asOf, ServiceLevelSettings serviceLevel, LiveTotals totals,
                           List<LiveQueue> queues, List<LiveAgent> agents) {

    /** The service-level rule the {@link LiveServiceLevel}s were counted with. */
    public record ServiceLevelSettings(int thresholdSeconds, int windowMinutes) {
    }
}
