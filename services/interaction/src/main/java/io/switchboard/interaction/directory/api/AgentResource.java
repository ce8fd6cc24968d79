package io.switchboard.interaction.directory.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.WireTime;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.interaction.directory.domain.Agent;
import io.switchboard.interaction.directory.domain.AgentCommand.CreateAgent;
import io.switchboard.interaction.directory.domain.AgentCommand.DeactivateAgent;
import io.switchboard.interaction.directory.domain.AgentCommand.UpdateAgent;
import io.switchboard.interaction.directory.store.DirectoryStore;
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
import java.util.List;

/**
 * Directory writes on the Manager API's agent resource; reads are the reporting service's. DELETE
 * deactivates: the agent stays, with {@code active: false}, and can no longer be changed.
 */
@Path("/manager/api/v1/agents")
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class AgentResource {
    private final DirectoryStore directory;
    private final Views views;
    private final Caller caller;
    private final UriInfo uri;
    private final Clock clock;

    public AgentResource(DirectoryStore directory, Views views, Caller caller, UriInfo uri, Clock clock) {
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
        List<Long> teams = body.refIds("teams");
        return directory.activeTeams(partnerId, teams).flatMap(known -> directory.nextId(DirectoryEvents.AGENT)
                        .flatMap(id -> directory.agents().handle(partnerId, id, new CreateAgent(id, body.text("name"),
                                body.text("first_name"), body.text("last_name"), body.text("email"), body.text("avatar_url"),
                                body.strings("roles"), teams, known, WireTime.now(clock)))))
                .flatMap(agent -> views.agent(partnerId, agent))
                .map(view -> Response.created(uri.getBaseUriBuilder().path("manager/api/v1/agents")
                        .path(Long.toString(view.id())).build()).entity(view).build());
    }

    @PATCH
    @Path("/{id}")
    public Uni<Views.AgentView> update(@PathParam("id") long id, JsonNode json) {
        Body body = Body.of(json);
        String partnerId = caller.partnerId();
        List<Long> teams = body.refIds("teams");
        return directory.activeTeams(partnerId, teams)
                .flatMap(known -> directory.agents().handle(partnerId, id, new UpdateAgent(
                        body.patch("name", body::text), body.patch("first_name", body::text),
                        body.patch("last_name", body::text), body.patch("email", body::text),
                        body.patch("avatar_url", body::text), body.patch("roles", body::strings),
                        body.has("teams") ? io.switchboard.interaction.directory.domain.Patch.of(teams == null ? List.<Long>of() : teams) : null,
                        known, caller.userId(), WireTime.now(clock))))
                .flatMap(agent -> views.agent(partnerId, agent));
    }

    @DELETE
    @Path("/{id}")
    public Uni<Views.AgentView> deactivate(@PathParam("id") long id) {
        String partnerId = caller.partnerId();
        return directory.agents().handle(partnerId, id, new DeactivateAgent(caller.userId(), WireTime.now(clock)))
                .flatMap((Agent agent) -> views.agent(partnerId, agent));
    }
}
