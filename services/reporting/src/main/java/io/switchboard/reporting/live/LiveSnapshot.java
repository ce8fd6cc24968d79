package io.switchboard.reporting.live;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;

/**
 * A partner's contact center at one instant ({@code asOf}): every number read in one database snapshot, so the
 * queues, the totals and the agents agree with each other. The live surface's JSON is camelCase (docs/api/live.md),
 * unlike the service's snake_case Manager API, hence the {@code @JsonNaming} on each of its records.
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record LiveSnapshot(String partnerId, Instant asOf, ServiceLevelSettings serviceLevel, LiveTotals totals,
                           List<LiveQueue> queues, List<LiveAgent> agents) {

    /** The service-level rule the {@link LiveServiceLevel}s were counted with. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    public record ServiceLevelSettings(int thresholdSeconds, int windowMinutes) {
    }
}
