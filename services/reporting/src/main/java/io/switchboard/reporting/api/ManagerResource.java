package io.switchboard.reporting.api;

import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.reporting.calls.Call;
import io.switchboard.reporting.calls.CallParticipant;
import io.switchboard.reporting.calls.CallQueries;
import io.switchboard.reporting.changes.ChangedDetail;
import io.switchboard.reporting.changes.ChangedDetailQueries;
import io.switchboard.reporting.chats.Chat;
import io.switchboard.reporting.chats.ChatParticipant;
import io.switchboard.reporting.chats.ChatQueries;
import io.switchboard.reporting.directory.ActivityLog;
import io.switchboard.reporting.directory.Agent;
import io.switchboard.reporting.directory.AgentQueries;
import io.switchboard.reporting.directory.Menu;
import io.switchboard.reporting.directory.MenuNode;
import io.switchboard.reporting.directory.MenuQueries;
import io.switchboard.reporting.directory.Organization;
import io.switchboard.reporting.directory.OrganizationQueries;
import io.switchboard.reporting.directory.Team;
import io.switchboard.reporting.directory.TeamNode;
import io.switchboard.reporting.directory.TeamQueries;
import io.switchboard.reporting.directory.UserInfo;
import io.switchboard.reporting.directory.UserStatuses;
import io.switchboard.reporting.jdbc.ListParams;
import io.switchboard.reporting.jdbc.Page;
import io.switchboard.reporting.media.MediaQueries;
import io.switchboard.reporting.media.Photo;
import io.switchboard.reporting.media.Video;
import io.switchboard.web.PartnerContext;
import io.switchboard.web.PublicUris;
import io.switchboard.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The Manager API reads (docs/api/manager.md), answered from the read models. Supervisors, admins and
 * system callers read everything of their token's partner; agents are refused (the Manager API is an
 * administrative API). Another partner's record is a 404 and absent from lists. Lists and a call, chat or
 * agent by id take {@code time_zone} ({@link ResponseZone}).
 */
@Path("/manager/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN, Roles.SYSTEM})
public class ManagerResource {
    private final PartnerContext partner;
    private final PublicUris publicUris;
    private final ResponseZone zone;
    private final CallQueries calls;
    private final ChatQueries chats;
    private final AgentQueries agents;
    private final TeamQueries teams;
    private final MenuQueries menus;
    private final ChangedDetailQueries changes;
    private final MediaQueries media;
    private final OrganizationQueries organization;
    @Context
    UriInfo uri;

    public ManagerResource(PartnerContext partner, PublicUris publicUris, ResponseZone zone, CallQueries calls,
                           ChatQueries chats, AgentQueries agents, TeamQueries teams, MenuQueries menus,
                           ChangedDetailQueries changes, MediaQueries media, OrganizationQueries organization) {
        this.partner = partner;
        this.publicUris = publicUris;
        this.zone = zone;
        this.calls = calls;
        this.chats = chats;
        this.agents = agents;
        this.teams = teams;
        this.menus = menus;
        this.changes = changes;
        this.media = media;
        this.organization = organization;
    }

    @GET
    @Path("/calls")
    public RestResponse<List<Call>> calls() throws SQLException {
        return page(calls::list);
    }

    @GET
    @Path("/calls/{id}")
    public Call call(@PathParam("id") long id) throws SQLException {
        return zoned(found("call", id, calls.find(partner.partnerId(), id)));
    }

    @GET
    @Path("/chats")
    public RestResponse<List<Chat>> chats() throws SQLException {
        return page(chats::list);
    }

    @GET
    @Path("/chats/{id}")
    public Chat chat(@PathParam("id") long id) throws SQLException {
        return zoned(found("chat", id, chats.find(partner.partnerId(), id)));
    }

    @GET
    @Path("/agents")
    public RestResponse<List<Agent>> agents() throws SQLException {
        return page(agents::agents);
    }

    @GET
    @Path("/agents/{id}")
    public Agent agent(@PathParam("id") long id) throws SQLException {
        return zoned(found("agent", id, agents.agent(partner.partnerId(), id)));
    }

    @GET
    @Path("/agent_activity_logs")
    public RestResponse<List<ActivityLog>> agentActivityLogs() throws SQLException {
        return page(agents::activityLogs);
    }

    @GET
    @Path("/changed_details")
    public RestResponse<List<ChangedDetail>> changedDetails() throws SQLException {
        return page(changes::list);
    }

    /** The "Call Participant" family as its own list (the vendor nests them in each call; docs/api/manager.md#data-api-families). */
    @GET
    @Path("/call_participants")
    public RestResponse<List<CallParticipant>> callParticipants() throws SQLException {
        return page(calls::participants);
    }

    /** The "Chat Participant" family: one row per hand-over of a chat. */
    @GET
    @Path("/chat_participants")
    public RestResponse<List<ChatParticipant>> chatParticipants() throws SQLException {
        return page(chats::participants);
    }

    /** The "Photo" family: photos end users attached to calls and chats. */
    @GET
    @Path("/photos")
    public RestResponse<List<Photo>> photos() throws SQLException {
        return page(media::photos);
    }

    /** The "Video" family. */
    @GET
    @Path("/videos")
    public RestResponse<List<Video>> videos() throws SQLException {
        return page(media::videos);
    }

    /** The "User Info" family: the limited view of an agent. */
    @GET
    @Path("/user_info")
    public RestResponse<List<UserInfo>> userInfo() throws SQLException {
        return page(agents::userInfo);
    }

    @GET
    @Path("/teams")
    public RestResponse<List<Team>> teams() throws SQLException {
        return page(teams::teams);
    }

    @GET
    @Path("/teams/tree")
    public List<TeamNode> teamTree() throws SQLException {
        return teams.tree(partner.partnerId());
    }

    @GET
    @Path("/teams/{id}")
    public Team team(@PathParam("id") long id) throws SQLException {
        return found("team", id, teams.team(partner.partnerId(), id));
    }

    @GET
    @Path("/menus")
    public RestResponse<List<Menu>> menus() throws SQLException {
        return page(menus::menus);
    }

    @GET
    @Path("/menus/tree")
    public List<MenuNode> menuTree() throws SQLException {
        return menus.tree(partner.partnerId());
    }

    @GET
    @Path("/menus/{id}")
    public Menu menu(@PathParam("id") long id) throws SQLException {
        return found("menu", id, menus.menu(partner.partnerId(), id));
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
    public Organization organization() throws SQLException {
        return organization.organization(partner.partnerId());
    }

    /** The resource, its times rendered in the {@code time_zone} the request names (a bad zone is a 400). */
    private <T> T zoned(T resource) {
        zone.use(ListParams.zone(uri.getQueryParameters().getFirst(ListParams.TIME_ZONE)));
        return resource;
    }

    private static <T> T found(String type, long id, Optional<T> resource) {
        return resource.orElseThrow(() -> new AggregateNotFoundException(type, String.valueOf(id)));
    }

    /** A page of a partner's list, with the paging headers (docs/api/manager.md#paging). */
    private <T> RestResponse<List<T>> page(PartnerList<T> list) throws SQLException {
        ListParams params = new ListParams(uri);
        Page<T> page = list.page(partner.partnerId(), params);
        // The list has asked for its filters: anything else the client sent filters nothing.
        params.rejectUnknown();
        zone.use(params.zone);
        return Paged.of(page, params, uri, publicUris);
    }

    @FunctionalInterface
    private interface PartnerList<T> {
        Page<T> page(String partnerId, ListParams params) throws SQLException;
    }
}
