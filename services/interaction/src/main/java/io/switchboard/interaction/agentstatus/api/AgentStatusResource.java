package io.switchboard.interaction.agentstatus.api;

import io.smallrye.mutiny.Uni;
import io.switchboard.eventstore.EventContext;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.eventstore.decider.NotPermittedException;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.interaction.agentstatus.domain.AgentStatus;
import io.switchboard.interaction.agentstatus.domain.AgentStatusCommand.SetStatus;
import io.switchboard.interaction.agentstatus.store.AgentStatuses;
import io.switchboard.interaction.directory.api.Caller;
import io.switchboard.interaction.directory.api.Clocks;
import io.switchboard.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import io.switchboard.events.EventCodec;

/**
 * Setting an agent's status: a supervisor or admin for any agent of the partner, an agent for
 * themselves ({@code me} = the agent whose id is the token's numeric {@code agent_id} claim).
 */
@Path("/manager/api/v1/agents")
public class AgentStatusResource {
    @Inject
    AgentStatuses statuses;

    @Inject
    Caller caller;

    public record StatusRequest(@Size(max = 64) String status, @Size(max = 255) String reason) {
    }

    public record StatusView(long agentId, String status, String reason, String changedAt) {
        static StatusView of(AgentStatus agent) {
            return new StatusView(agent.agentId(), agent.status().value(), agent.reason(),
                    agent.changedAt() == null ? null : EventCodec.formatInstant(agent.changedAt()));
        }
    }

    @PUT
    @Path("/me/status")
    @RolesAllowed({Roles.AGENT, Roles.ENHANCED_AGENT})
    public Uni<StatusView> setMine(@Valid StatusRequest request) {
        // A caller without a numeric agent_id claim is refused (403); another partner's agent is not found.
        Long agentId = caller.agentId();
        if (agentId == null) {
            throw new NotPermittedException("agent_id", "this caller is not linked to an agent (no numeric agent_id claim)");
        }
        return apply(agentId, request);
    }

    @PUT
    @Path("/{id}/status")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    public Uni<StatusView> set(@PathParam("id") long id, @Valid StatusRequest request) {
        return apply(id, request);
    }

    private Uni<StatusView> apply(long id, StatusRequest request) {
        return statuses.handle(caller.partnerId(), id, new SetStatus(request.status(), request.reason(), Clocks.now()),
                EventContext.none()).map(StatusView::of);
    }
}
