package io.switchboard.reporting.api;

import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.reporting.domain.UserStatuses;
import io.switchboard.reporting.store.CallReadModel;
import io.switchboard.reporting.store.ChatReadModel;
import io.switchboard.reporting.store.ListQuery;
import io.switchboard.reporting.store.DirectoryReadModel;
import io.switchboard.reporting.store.MediaReadModel;
import io.switchboard.reporting.store.OrganizationReadModel;
import io.switchboard.reporting.store.ParticipantReadModel;
import io.switchboard.web.PartnerContext;
import io.switchboard.web.PublicUris;
import io.switchboard.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Manager API reads (contract manager-api.md), answered from the projections. Supervisors,
 * admins and system callers read everything of their token's partner; agents are refused (the
 * Manager API is an administrative API). Another partner's record is a 404 and absent from lists.
 */
@Path("/manager/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN, Roles.SYSTEM})
public class ManagerResource {

    @Inject
    PartnerContext partner;
    @Inject
    CallReadModel calls;
    @Inject
    ChatReadModel chats;
    @Inject
    DirectoryReadModel directory;
    @Inject
    ParticipantReadModel participants;
    @Inject
    MediaReadModel media;
    @Inject
    OrganizationReadModel organization;
    @Inject
    PublicUris publicUris;
    @Context
    UriInfo uri;

    @GET
    @Path("/calls")
    public Response calls() throws SQLException {
        return page(calls::list);
    }

    @GET
    @Path("/calls/{id}")
    public Object call(@PathParam("id") long id) throws SQLException {
        return zoned(found("call", id, calls.find(partner.partnerId(), id)));
    }

    @GET
    @Path("/chats")
    public Response chats() throws SQLException {
        return page(chats::list);
    }

    @GET
    @Path("/chats/{id}")
    public Object chat(@PathParam("id") long id) throws SQLException {
        return zoned(found("chat", id, chats.find(partner.partnerId(), id)));
    }

    @GET
    @Path("/agents")
    public Response agents() throws SQLException {
        return page(directory::agents);
    }

    @GET
    @Path("/agents/{id}")
    public Object agent(@PathParam("id") long id) throws SQLException {
        return zoned(found("agent", id, directory.agent(partner.partnerId(), id)));
    }

    @GET
    @Path("/agent_activity_logs")
    public Response agentActivityLogs() throws SQLException {
        return page(directory::activityLogs);
    }

    @GET
    @Path("/changed_details")
    public Response changedDetails() throws SQLException {
        return page(directory::changedDetails);
    }

    /** Seed 001's "Call Participant" as its own list (the contract nests them in each call). */
    @GET
    @Path("/call_participants")
    public Response callParticipants() throws SQLException {
        return page(participants::callParticipants);
    }

    /** Seed 001's "Chat Participant": one row per hand-over of a chat. */
    @GET
    @Path("/chat_participants")
    public Response chatParticipants() throws SQLException {
        return page(participants::chatParticipants);
    }

    /** Seed 001's "Photo": photos end users attached to calls and chats. */
    @GET
    @Path("/photos")
    public Response photos() throws SQLException {
        return page(media::photos);
    }

    /** Seed 001's "Video". */
    @GET
    @Path("/videos")
    public Response videos() throws SQLException {
        return page(media::videos);
    }

    /** Seed 001's "User Info": the limited view of an agent. */
    @GET
    @Path("/user_info")
    public Response userInfo() throws SQLException {
        return page(participants::userInfo);
    }

    @GET
    @Path("/teams")
    public Response teams() throws SQLException {
        return page(directory::teams);
    }

    @GET
    @Path("/teams/tree")
    public List<Map<String, Object>> teamTree() throws SQLException {
        return directory.teamTree(partner.partnerId());
    }

    @GET
    @Path("/teams/{id}")
    public Map<String, Object> team(@PathParam("id") long id) throws SQLException {
        return found("team", id, directory.team(partner.partnerId(), id));
    }

    @GET
    @Path("/menus")
    public Response menus() throws SQLException {
        return page(directory::menus);
    }

    @GET
    @Path("/menus/tree")
    public List<Map<String, Object>> menuTree() throws SQLException {
        return directory.menuTree(partner.partnerId());
    }

    @GET
    @Path("/menus/{id}")
    public Map<String, Object> menu(@PathParam("id") long id) throws SQLException {
        return found("menu", id, directory.menu(partner.partnerId(), id));
    }

    @GET
    @Path("/user_statuses")
    public List<UserStatuses.UserStatus> userStatuses() {
        partner.partnerId();
        return UserStatuses.DEFAULTS;
    }

    /**
     * The partner's organization settings. Existing clients call it first to check their credentials
     * (200 = valid), so a partner that never set them gets the defaults rather than a 404.
     */
    @GET
    @Path("/settings/organization")
    public Map<String, Object> organization() throws SQLException {
        return organization.organization(partner.partnerId());
    }

    private Object zoned(Object json) {
        return TimeZones.render(json, TimeZones.parse(uri.getQueryParameters().getFirst(TimeZones.PARAM)));
    }

    private static Map<String, Object> found(String type, long id, Optional<Map<String, Object>> resource) {
        return resource.orElseThrow(() -> new AggregateNotFoundException(type, String.valueOf(id)));
    }

    /** A page of a partner's list, with the paging headers of the contract. */
    private Response page(PartnerList list) throws SQLException {
        ListParams params = new ListParams(uri);
        ListQuery.Page<?> page = list.page(partner.partnerId(), params);
        // The list has asked for its filters: anything else the client sent filters nothing.
        params.rejectUnknown();
        return Paged.of(page, params, uri, publicUris);
    }

    @FunctionalInterface
    private interface PartnerList {
        ListQuery.Page<?> page(String partnerId, ListParams params) throws SQLException;
    }
}
