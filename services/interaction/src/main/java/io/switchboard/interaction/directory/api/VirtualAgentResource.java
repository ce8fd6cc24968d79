package io.switchboard.interaction.directory.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.WireTime;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.interaction.directory.domain.VirtualAgentCommand.CreateVirtualAgent;
import io.switchboard.interaction.directory.domain.VirtualAgentCommand.DeactivateVirtualAgent;
import io.switchboard.interaction.directory.domain.VirtualAgentCommand.UpdateVirtualAgent;
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

/** Directory writes on virtual agents (bots a menu can hand chats to). */
@Path("/manager/api/v1/virtual_agents")
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class VirtualAgentResource {
    private final DirectoryStore directory;
    private final Caller caller;
    private final UriInfo uri;

    public VirtualAgentResource(DirectoryStore directory, Caller caller, UriInfo uri, Clock clock) {
        this.directory = directory;
        this.caller = caller;
        this.uri = uri;
        this.clock = clock;
    }
    private final Clock clock;

    @POST
    public Uni<Response> create(JsonNode json) {
        Body body = Body.of(json);
        String partnerId = caller.partnerId();
        return directory.nextId(DirectoryEvents.VIRTUAL_AGENT)
                .flatMap(id -> directory.virtualAgents().handle(partnerId, id,
                        new CreateVirtualAgent(id, body.text("name"), body.text("avatar_url"), WireTime.now(clock))))
                .map(Views::virtualAgent)
                .map(view -> Response.created(uri.getBaseUriBuilder().path("manager/api/v1/virtual_agents")
                        .path(Long.toString(view.id())).build()).entity(view).build());
    }

    @PATCH
    @Path("/{id}")
    public Uni<Views.VirtualAgentView> update(@PathParam("id") long id, JsonNode json) {
        Body body = Body.of(json);
        return directory.virtualAgents().handle(caller.partnerId(), id,
                        new UpdateVirtualAgent(body.patch("name", body::text),
                                body.patch("avatar_url", body::text), caller.userId(), WireTime.now(clock)))
                .map(Views::virtualAgent);
    }

    @DELETE
    @Path("/{id}")
    public Uni<Views.VirtualAgentView> deactivate(@PathParam("id") long id) {
        return directory.virtualAgents().handle(caller.partnerId(), id,
                        new DeactivateVirtualAgent(caller.userId(), WireTime.now(clock)))
                .map(Views::virtualAgent);
    }
}
