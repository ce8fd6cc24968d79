package io.switchboard.interaction.agentstatus.store;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.eventstore.EventContext;
import io.switchboard.eventstore.EventStore;
import io.switchboard.eventstore.decider.AggregateRepository;
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
    private final AggregateRepository<AgentStatusCommand, AgentStatus, DomainEvent> agents;

    public AgentStatuses(EventStore store) {
        this.agents = new AggregateRepository<>(store, new AgentStatusDecider(), DomainEvent.class,
                DirectoryEvents.AGENT, "agent", AgentStatus::exists);
    }

    public Uni<AgentStatus> handle(String partnerId, long agentId, AgentStatusCommand command, EventContext context) {
        return agents.handle(partnerId, agentId, command, context);
    }

    /** The same, on the caller's transaction: the agent's new events commit or roll back with its other writes. */
    public Uni<AgentStatus> handle(SqlConnection transaction, String partnerId, long agentId, AgentStatusCommand command,
                                   EventContext context) {
        return agents.within(transaction).handle(partnerId, agentId, command, context);
    }

    public Uni<Optional<AgentStatus>> find(String partnerId, long agentId) {
        return agents.findIfExists(partnerId, agentId);
    }
}
