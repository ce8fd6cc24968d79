package io.switchboard.reporting.live;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/**
 * The partner's whole contact center: a {@link LiveQueue} without menu. Waiting work and work in progress count
 * whatever its menu (also none); agents count once each, whatever the number of menus they serve.
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record LiveTotals(int waiting, long longestWaitSeconds, Instant oldestWaitingSince, int callsInProgress,
                         int chatsInProgress, LiveAgentCounts agents, LiveServiceLevel serviceLevel) {
}
