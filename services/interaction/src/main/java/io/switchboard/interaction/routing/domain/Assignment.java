package io.switchboard.interaction.routing.domain;

/** A routing decision: {@code work} goes to {@code assigneeId}; {@code teamId} is the agent's team serving the menu. */
public record Assignment(PendingWork work, AssigneeType assigneeType, long assigneeId, String assigneeName,
                         Long teamId) {
}
