package io.switchboard.interaction.routing.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A chat or call waiting for an assignee. Work is served in {@code queuedAt} order; {@code escalationId}
 * is set for escalations.
 */
public record PendingWork(WorkKind kind, long workId, Long menuId, Trigger trigger, Long escalationId,
                          Instant queuedAt) {
    public PendingWork {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(queuedAt, "queuedAt");
    }

    /** Calls and escalated or released chats need a person; a new chat may go to a virtual agent. */
    public boolean humanOnly() {
        return kind == WorkKind.CALL || trigger.humanOnly();
    }
}
