package io.switchboard.reporting.live;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/**
 * One menu (queue) now. {@code waiting}: calls queued and neither connected nor ended, plus chats queued and neither
 * assigned nor ended; {@code longestWaitSeconds} (0 when nothing waits) is the oldest of them, since
 * {@code oldestWaitingSince}. Agents are those of the menu's teams.
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record LiveQueue(long menuId, String name, String channel, int waiting, long longestWaitSeconds,
                        Instant oldestWaitingSince, int callsInProgress, int chatsInProgress, LiveAgentCounts agents,
                        LiveServiceLevel serviceLevel) {
}
