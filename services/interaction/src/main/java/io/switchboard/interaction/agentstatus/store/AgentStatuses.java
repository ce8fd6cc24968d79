package io.switchboard.interaction.agentstatus.store;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.eventstore.EventContext;
import io.switchboard.eventstore.EventStore;
import io.switchboard.eventstore.StreamId;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.CommandHandler;
import io.switchboard.interaction.agentstatus.domain.AgentStatus;
import io.switchboard.interaction.agentstatus.domain.AgentStatusCommand;
import io.switchboard.interaction.agentstatus.domain.AgentStatusDecider;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Agent status lives on the agent's stream (stream type {@code agent}), next to the directory events:
 * a status change and the work that caused it are appended together, atomically, with the agent's
 * version as the optimistic-concurrency check.
 */
@ApplicationScoped
public class AgentStatuses {
    private final CommandHandler<AgentStatusCommand, AgentStatus, DomainEvent> handler;

    public AgentStatuses(EventStore store) {
        this.handler = new CommandHandler<>(store, new AgentStatusDecider(), DomainEvent.class);
    }

    public Uni<AgentStatus> handle(String partnerId, long agentId, AgentStatusCommand command, EventContext context) {
        return handle(handler, partnerId, agentId, command, context);
    }

    /** The same, on the caller's transaction: the agent's new events commit or roll back with its other writes. */
    public Uni<AgentStatus> handle(SqlConnection transaction, String partnerId, long agentId, AgentStatusCommand command,
                                   EventContext context) {
        return handle(handler.within(transaction), partnerId, agentId, command, context);
    }

    private static Uni<AgentStatus> handle(CommandHandler<AgentStatusCommand, AgentStatus, DomainEvent> handler,
                                           String partnerId, long agentId, AgentStatusCommand command, EventContext context) {
        return handler.handle(partnerId, stream(agentId), command, context)
                .map(result -> result.state())
                .onFailure(AggregateNotFoundException.class)
                .transform(missing -> new AggregateNotFoundException("agent", Long.toString(agentId)));
    }

    public Uni<Optional<AgentStatus>> find(String partnerId, long agentId) {
        return handler.current(partnerId, stream(agentId)).map(result -> Optional.of(result.state()).filter(AgentStatus::exists));
    }

    private static StreamId stream(long agentId) {
        return StreamId.of(DirectoryEvents.AGENT, agentId);
    }
}
