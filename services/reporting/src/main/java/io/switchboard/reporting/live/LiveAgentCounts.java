package io.switchboard.reporting.live;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Agents per coarse state ({@link AgentState}). */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record LiveAgentCounts(int available, int busy, int wrapUp, int unavailable, int offline) {
    public static final LiveAgentCounts NONE = new LiveAgentCounts(0, 0, 0, 0, 0);
}
