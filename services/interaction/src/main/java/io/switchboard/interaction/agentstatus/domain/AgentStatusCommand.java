package io.switchboard.interaction.agentstatus.domain;

import io.switchboard.interaction.routing.domain.WorkKind;
import io.switchboard.eventstore.decider.RetriesOnConflict;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Commands on an agent's status; none depends on what a caller saw, so all retry on a lost race. */
public sealed interface AgentStatusCommand extends RetriesOnConflict {
    /** By the agent themselves or a supervisor: {@code available}, {@code unavailable} (with a reason) or {@code offline}. */
    record SetStatus(String status, String reason, Instant now) implements AgentStatusCommand {
    }

    /** A call or chat was connected to the agent; {@code sourceEventId} is the event that said so. */
    record StartWork(WorkKind type, long workId, UUID sourceEventId, Instant now) implements AgentStatusCommand {
    }

    /** The agent's part in a call or chat ended. */
    record EndWork(WorkKind type, long workId, UUID sourceEventId, Instant now) implements AgentStatusCommand {
    }

    /** Ends wrap-up once it has lasted {@code wrapUp}; the scheduled sweep sends it. */
    record EndWrapUp(Duration wrapUp, Instant now) implements AgentStatusCommand {
    }
}
