package io.switchboard.reporting.directory;

import java.time.Instant;

/**
 * One status interval of an agent (docs/api/manager.md#agent-activity-logs): it ends where the agent's
 * next change starts ({@code endedAt} and {@code duration} null while open). Status events carry no
 * actor, call or chat, so {@code whodunnit}, {@code callId} and {@code chatId} are null.
 */
public record ActivityLog(long id, long agentId, Long whodunnit, StatusRef status, String reason, Instant startedAt,
                          Instant endedAt, Long duration, String activity, Long callId, Long chatId) {
}
