package io.switchboard.interaction.directory.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.WireTime;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.interaction.directory.domain.MenuCommand.CreateMenu;
import io.switchboard.interaction.directory.domain.MenuCommand.DeactivateMenu;
import io.switchboard.interaction.directory.domain.MenuCommand.References;
import io.switchboard.interaction.directory.domain.MenuCommand.UpdateMenu;
import io.switchboard.interaction.directory.domain.Patch;
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

/** Directory writes on menus: the queues and IVR entries calls and chats are routed by. */
@Path("/manager/api/v1/menus")
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class MenuResource {
    private final DirectoryStore directory;
    private final Views views;
    private final Caller caller;
    private final UriInfo uri;
    private final Clock clock;

    public MenuResource(DirectoryStore directory, Views views, Caller caller, UriInfo uri, Clock clock) {
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
        Long virtualAgent = body.id("virtual_agent_id");
        List<Long> teams = body.teamAssignmentIds("team_assignments");
        return references(partnerId, parent, teams, virtualAgent)
                .flatMap(refs -> directory.nextId(DirectoryEvents.MENU).flatMap(id -> directory.menus().handle(partnerId, id,
                        new CreateMenu(id, body.text("name"), body.text("channel"), body.text("menu_type"), parent, teams,
                                virtualAgent, refs, WireTime.now(clock)))))
                .flatMap(menu -> views.menu(partnerId, menu))
                .map(view -> Response.created(uri.getBaseUriBuilder().path("manager/api/v1/menus")
                        .path(Long.toString(view.id())).build()).entity(view).build());
    }

    @PATCH
    @Path("/{id}")
    public Uni<Views.MenuView> update(@PathParam("id") long id, JsonNode json) {
        Body body = Body.of(json);
        String partnerId = caller.partnerId();
        Long parent = body.id("parent_id");
        Long virtualAgent = body.id("virtual_agent_id");
        List<Long> teams = body.teamAssignmentIds("team_assignments");
        return references(partnerId, parent, teams, virtualAgent)
                .flatMap(refs -> directory.menus().handle(partnerId, id, new UpdateMenu(body.patch("name", body::text),
                        body.patch("channel", body::text), body.patch("menu_type", body::text),
                        body.has("parent_id") ? Patch.of(parent) : null,
                        body.has("team_assignments") ? Patch.of(teams == null ? List.<Long>of() : teams) : null,
                        body.has("virtual_agent_id") ? Patch.of(virtualAgent) : null, refs, caller.userId(), WireTime.now(clock))))
                .flatMap(menu -> views.menu(partnerId, menu));
    }

    @DELETE
    @Path("/{id}")
    public Uni<Views.MenuView> deactivate(@PathParam("id") long id) {
        String partnerId = caller.partnerId();
        return directory.menus().handle(partnerId, id, new DeactivateMenu(caller.userId(), WireTime.now(clock)))
                .flatMap(menu -> views.menu(partnerId, menu));
    }

    private Uni<References> references(String partnerId, Long parent, List<Long> teams, Long virtualAgent) {
        return directory.activeTeams(partnerId, teams).flatMap(knownTeams -> directory.isActiveMenu(partnerId, parent)
                .flatMap(parentKnown -> directory.menuAncestors(partnerId, parent)
                        .flatMap(ancestors -> directory.isActiveVirtualAgent(partnerId, virtualAgent)
                                .map(botKnown -> new References(knownTeams, parentKnown, ancestors, botKnown)))));
    }
}
