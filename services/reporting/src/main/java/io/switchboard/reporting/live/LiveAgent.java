package io.switchboard.reporting.live;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;

/**
 * An agent now: the status name as the directory stores it ({@code status}, e.g. "In-call"), its coarse
 * {@code state} (available | busy | wrapUp | unavailable | offline), since when, and the calls and chats where the
 * agent is the connected agent and that have not ended.
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record LiveAgent(long agentId, String name, String status, String state, Instant since, List<LiveWork> work) {
}
