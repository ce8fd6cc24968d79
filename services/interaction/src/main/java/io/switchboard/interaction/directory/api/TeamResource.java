package io.switchboard.interaction.directory.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.WireTime;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.interaction.directory.domain.AgentCommand.JoinTeam;
import io.switchboard.interaction.directory.domain.AgentCommand.LeaveTeam;
import io.switchboard.interaction.directory.domain.Team;
import io.switchboard.interaction.directory.domain.TeamCommand.CreateTeam;
import io.switchboard.interaction.directory.domain.TeamCommand.DeactivateTeam;
import io.switchboard.interaction.directory.domain.TeamCommand.UpdateTeam;
import io.switchboard.interaction.directory.store.DirectoryStore;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.time.Clock;

/**
 * Directory writes on teams (a tree through {@code parent_id}) and their assignees ("Team With
 * Assignees"). Every answer is the team with its assignees.
 */
@Path("/manager/api/v1/teams")
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class TeamResource {
    private final DirectoryStore directory;
    private final Views views;
    private final Caller caller;
    private final UriInfo uri;
    private final Clock clock;

    public TeamResource(DirectoryStore directory, Views views, Caller caller, UriInfo uri, Clock clock) {
        this.directory = directory;
        this.views = views;
        this.caller = caller;
        this.uri = uri;
        this.clock = clock;
    }

    @POST
    public Uni<Response> create(JsonNode json) {
        Body body = Body.of(json);
        String partnerId = caller.partnerId();
        Long parent = body.id("parent_id");
        return directory.isActiveTeam(partnerId, parent).flatMap(parentKnown -> directory.nextId(DirectoryEvents.TEAM)
                        .flatMap(id -> directory.teams().handle(partnerId, id,
                                new CreateTeam(id, body.text("name"), parent, parentKnown, WireTime.now(clock)))))
                .flatMap(team -> views.team(partnerId, team))
                .map(view -> Response.created(uri.getBaseUriBuilder().path("manager/api/v1/teams")
                        .path(Long.toString(view.id())).build()).entity(view).build());
    }

    @PATCH
    @Path("/{id}")
    public Uni<Views.TeamView> update(@PathParam("id") long id, JsonNode json) {
        Body body = Body.of(json);
        String partnerId = caller.partnerId();
        Long parent = body.id("parent_id");
        return directory.isActiveTeam(partnerId, parent)
                .flatMap(parentKnown -> directory.teamAncestors(partnerId, parent)
                        .flatMap(ancestors -> directory.teams().handle(partnerId, id, new UpdateTeam(
                                body.patch("name", body::text), body.has("parent_id") ? io.switchboard.interaction.directory.domain.Patch.of(parent) : null,
                                parentKnown, ancestors, caller.userId(), WireTime.now(clock)))))
                .flatMap(team -> views.team(partnerId, team));
    }

    @DELETE
    @Path("/{id}")
    public Uni<Views.TeamView> deactivate(@PathParam("id") long id) {
        String partnerId = caller.partnerId();
        return directory.teams().handle(partnerId, id, new DeactivateTeam(caller.userId(), WireTime.now(clock)))
                .flatMap(team -> views.team(partnerId, team));
    }

    /** Adds an agent to the team: {@code {"agent_id": 7}} (or {@code {"id": 7}}, a user reference). */
    @POST
    @Path("/{id}/assignees")
    public Uni<Views.TeamView> addAssignee(@PathParam("id") long id, JsonNode json) {
        Body body = Body.of(json);
        Long agentId = body.has("agent_id") ? body.id("agent_id") : body.id("id");
        if (agentId == null) {
            throw new InvalidCommandException("agent_id", "agent_id is required");
        }
        String partnerId = caller.partnerId();
        return activeTeam(partnerId, id)
                .flatMap(team -> directory.agents().findIfExists(partnerId, agentId).flatMap(agent -> {
                    if (agent.isEmpty()) {
                        throw new InvalidCommandException("agent_id", "agent " + agentId + " does not exist");
                    }
                    return directory.agents().handle(partnerId, agentId, new JoinTeam(id, caller.userId(), WireTime.now(clock)));
                }).replaceWith(team))
                .flatMap(team -> views.team(partnerId, team));
    }

    @DELETE
    @Path("/{id}/assignees/{agent_id}")
    public Uni<Views.TeamView> removeAssignee(@PathParam("id") long id, @PathParam("agent_id") long agentId) {
        String partnerId = caller.partnerId();
        return activeTeam(partnerId, id)
                .flatMap(team -> directory.agents().handle(partnerId, agentId, new LeaveTeam(id, caller.userId(), WireTime.now(clock)))
                        .replaceWith(team))
                .flatMap(team -> views.team(partnerId, team));
    }

    private Uni<Team> activeTeam(String partnerId, long id) {
        return directory.teams().find(partnerId, id).map(team -> {
            if (!team.active()) {
                throw new IllegalTransitionException(team.status(), "team " + id + " is deactivated");
            }
            return team;
        });
    }
}
