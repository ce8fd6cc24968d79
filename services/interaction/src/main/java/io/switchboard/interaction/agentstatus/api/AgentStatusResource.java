package io.switchboard.interaction.agentstatus.api;

import io.switchboard.events.WireTime;
import io.smallrye.mutiny.Uni;
import io.switchboard.eventstore.EventContext;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.eventstore.decider.NotPermittedException;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.interaction.agentstatus.domain.AgentStatus;
import io.switchboard.interaction.agentstatus.domain.AgentStatusCommand.SetStatus;
import io.switchboard.interaction.agentstatus.store.AgentStatuses;
import io.switchboard.interaction.directory.api.Caller;
import io.switchboard.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import java.time.Clock;

/**
 * Setting an agent's status: a supervisor or admin for any agent of the partner, an agent for
 * themselves ({@code me} = the agent whose id is the token's numeric {@code agent_id} claim).
 */
@Path("/manager/api/v1/agents")
public class AgentStatusResource {
    private final AgentStatuses statuses;
    private final Caller caller;
    private final Clock clock;

    public AgentStatusResource(AgentStatuses statuses, Caller caller, Clock clock) {
        this.statuses = statuses;
        this.caller = caller;
        this.clock = clock;
    }

    public record StatusRequest(@Size(max = 64) String status, @Size(max = 255) String reason) {
    }

    public record StatusView(long agentId, String status, String reason, String changedAt) {
        static StatusView of(AgentStatus agent) {
            return new StatusView(agent.agentId(), agent.status().value(), agent.reason(),
                    agent.changedAt() == null ? null : WireTime.format(agent.changedAt()));
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
        return statuses.handle(caller.partnerId(), id, new SetStatus(request.status(), request.reason(), WireTime.now(clock)),
                EventContext.none()).map(StatusView::of);
    }
}
