package io.switchboard.reporting.directory;

import io.switchboard.events.EventEnvelope;
import io.switchboard.events.interaction.DirectoryEvents.AgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.AgentDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.AgentStatusChanged;
import io.switchboard.events.interaction.DirectoryEvents.AgentUpdated;
import io.switchboard.events.interaction.DirectoryEvents.AgentUpdatedV1;
import io.switchboard.events.interaction.DirectoryEvents.MenuCreated;
import io.switchboard.events.interaction.DirectoryEvents.MenuDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.MenuUpdated;
import io.switchboard.events.interaction.DirectoryEvents.MenuUpdatedV1;
import io.switchboard.events.interaction.DirectoryEvents.TeamCreated;
import io.switchboard.events.interaction.DirectoryEvents.TeamDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.TeamMemberAdded;
import io.switchboard.events.interaction.DirectoryEvents.TeamMemberRemoved;
import io.switchboard.events.interaction.DirectoryEvents.TeamUpdated;
import io.switchboard.events.interaction.DirectoryEvents.TeamUpdatedV1;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentUpdated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentUpdatedV1;
import io.switchboard.reporting.jdbc.Projection;
import io.switchboard.reporting.jdbc.Sql;
import io.switchboard.reporting.jdbc.Upsert;
import io.switchboard.reporting.jdbc.Writes;

import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Agents (with their current status), the agent status history, teams with members, menus, virtual agents.
 * An update event carries the entity after the change, so its columns are overwritten from the typed fields
 * (a version 1 update only the columns of the fields it set).
 */
public class DirectoryProjection implements Projection.PerEvent {
    public static final List<String> TABLES = List.of("agents", "team_members", "agent_status_log", "teams", "menus",
            "virtual_agents");

    @Override
    public List<String> tables() {
        return TABLES;
    }

    /** The fields a version 1 update (only what changed) may set, by JSON name → column. */
    private static final Map<String, String> V1_AGENT_COLUMNS = Map.of("name", "name", "first_name", "first_name",
            "last_name", "last_name", "email", "email", "avatar_url", "avatar_url", "roles", "roles");
    private static final Map<String, String> V1_TEAM_COLUMNS = Map.of("name", "name", "parent_id", "parent_id");
    private static final Map<String, String> V1_MENU_COLUMNS = Map.of("menu_type", "menu_type", "parent_id", "parent_id");
    /** The newest change by time is the current status; at equal times the greater name, so ties converge. */
    private static final Upsert.Guard NEWER_STATUS = new Upsert.Guard("%1$s.status_updated_at IS NULL"
            + " OR %1$s.status_updated_at < EXCLUDED.status_updated_at"
            + " OR (%1$s.status_updated_at = EXCLUDED.status_updated_at AND %1$s.status < EXCLUDED.status)",
            (stored, incoming) -> {
                Instant was = (Instant) stored.get("status_updated_at");
                Instant now = (Instant) incoming.get("status_updated_at");
                if (was == null || now == null) {
                    return was == null;
                }
                String wasStatus = (String) stored.get("status");
                String nowStatus = (String) incoming.get("status");
                return now.isAfter(was) || now.equals(was) && wasStatus != null && nowStatus != null
                        && nowStatus.compareTo(wasStatus) > 0;
            });

    @Override
    public void apply(Writes w, EventEnvelope e) throws SQLException {
        String partner = e.partnerId();
        Object data = e.data();
        if (data instanceof AgentCreated d) {
            agent(e, d.agentId()).set("name", d.name()).set("first_name", d.firstName())
                    .set("last_name", d.lastName()).set("email", d.email()).set("avatar_url", d.avatarUrl())
                    .set("roles", d.roles()).earliest("created_at", d.createdAt()).run(w);
            for (Long teamId : d.teamIds()) {
                membership(w, partner, teamId, d.agentId(), true, d.createdAt());
            }
        } else if (data instanceof AgentUpdated d) {
            // The agent after the change: every profile column is overwritten (a removed avatar is null).
            agent(e, d.agentId()).overwrite("name", d.name()).overwrite("first_name", d.firstName())
                    .overwrite("last_name", d.lastName()).overwrite("email", d.email())
                    .overwrite("avatar_url", d.avatarUrl()).overwrite("roles", d.roles()).run(w);
        } else if (data instanceof AgentUpdatedV1 d) {
            changed(agent(e, d.agentId()), d.after(), V1_AGENT_COLUMNS).run(w);
        } else if (data instanceof AgentDeactivated d) {
            agent(e, d.agentId()).set("deleted", true).run(w);
        } else if (data instanceof AgentStatusChanged d) {
            agentStatus(w, e, d);
        } else if (data instanceof TeamCreated d) {
            team(e, d.teamId()).set("name", d.name()).set("parent_id", d.parentId())
                    .earliest("created_at", d.createdAt()).run(w);
        } else if (data instanceof TeamUpdated d) {
            team(e, d.teamId()).overwrite("name", d.name()).overwrite("parent_id", d.parentId()).run(w);
        } else if (data instanceof TeamUpdatedV1 d) {
            changed(team(e, d.teamId()), d.after(), V1_TEAM_COLUMNS).run(w);
        } else if (data instanceof TeamDeactivated d) {
            team(e, d.teamId()).set("deleted", true).run(w);
        } else if (data instanceof TeamMemberAdded d) {
            team(e, d.teamId()).run(w);
            membership(w, partner, d.teamId(), d.agentId(), true, d.addedAt());
        } else if (data instanceof TeamMemberRemoved d) {
            team(e, d.teamId()).run(w);
            membership(w, partner, d.teamId(), d.agentId(), false, d.removedAt());
        } else if (data instanceof MenuCreated d) {
            menu(e, d.menuId()).set("name", d.name()).set("channel", d.channel()).set("menu_type", d.menuType())
                    .set("parent_id", d.parentId()).set("team_ids", new Sql.Longs(d.teamIds()))
                    .set("virtual_agent_id", d.virtualAgentId()).earliest("created_at", d.createdAt()).run(w);
        } else if (data instanceof MenuUpdated d) {
            // MenuUpdated carries the menu after the change, so it overwrites (a removed virtual agent is null).
            menu(e, d.menuId()).set("name", d.name()).set("channel", d.channel()).overwrite("menu_type", d.menuType())
                    .overwrite("parent_id", d.parentId()).overwrite("team_ids", new Sql.Longs(d.teamIds()))
                    .overwrite("virtual_agent_id", d.virtualAgentId()).run(w);
        } else if (data instanceof MenuUpdatedV1 d) {
            changed(menu(e, d.menuId()).set("name", d.name()).set("channel", d.channel())
                    .overwrite("team_ids", new Sql.Longs(d.teamIds())).overwrite("virtual_agent_id", d.virtualAgentId()),
                    d.after(), V1_MENU_COLUMNS).run(w);
        } else if (data instanceof MenuDeactivated d) {
            menu(e, d.menuId()).set("deleted", true).run(w);
        } else if (data instanceof VirtualAgentCreated d) {
            // Its avatarUrl is not kept: no Manager API read shows virtual agents (docs/api/manager.md); the
            // change history records avatar changes from the update's changes (ChangedDetailsProjection).
            virtualAgent(e, d.virtualAgentId()).set("name", d.name()).earliest("created_at", d.createdAt()).run(w);
        } else if (data instanceof VirtualAgentUpdated d) {
            virtualAgent(e, d.virtualAgentId()).overwrite("name", d.name()).run(w);
        } else if (data instanceof VirtualAgentUpdatedV1 d) {
            changed(virtualAgent(e, d.virtualAgentId()), d.after(), Map.of("name", "name")).run(w);
        } else if (data instanceof VirtualAgentDeactivated d) {
            virtualAgent(e, d.virtualAgentId()).set("deleted", true).run(w);
        }
    }

    /** A version 1 update: overwrites the columns of the fields it set ({@code after()}: typed by libs/events). */
    private static Upsert changed(Upsert upsert, Map<String, Object> after, Map<String, String> columns) {
        after.forEach((field, value) -> {
            String column = columns.get(field);
            if (column != null) {
                upsert.overwrite(column, value);
            }
        });
        return upsert;
    }

    /**
     * One history row per status change (its end is the next row's start, derived when read); the
     * agent's current status is the newest change, whichever order the changes were applied in.
     */
    private static void agentStatus(Writes w, EventEnvelope e, AgentStatusChanged d) throws SQLException {
        Upsert.into("agent_status_log").key("partner_id", e.partnerId())
                .key("started_at", d.changedAt() == null ? e.occurredAt() : d.changedAt())
                .key("id", Projection.derivedId(e, 0))
                .set("agent_id", d.agentId()).set("status", d.status()).set("previous_status", d.previousStatus())
                .set("reason", d.reason()).run(w);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("status", d.status());
        status.put("status_reason", d.reason());
        status.put("status_updated_at", d.changedAt());
        agent(e, d.agentId()).newest(NEWER_STATUS, status).run(w);
    }

    /** Last writer (by the time of the change) wins; at equal times membership wins, so ties converge too. */
    private static void membership(Writes w, String partner, long teamId, long agentId, boolean member,
                                   Instant asOf) throws SQLException {
        w.statement("""
                INSERT INTO team_members (partner_id, team_id, agent_id, member, as_of) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (partner_id, team_id, agent_id) DO UPDATE
                   SET member = EXCLUDED.member, as_of = EXCLUDED.as_of
                 WHERE (EXCLUDED.as_of, EXCLUDED.member) > (team_members.as_of, team_members.member)""",
                partner, teamId, agentId, member, asOf);
    }

    private static Upsert agent(EventEnvelope e, long id) {
        return Upsert.into("agents").key("partner_id", e.partnerId()).key("id", id).latest("updated_at", e.occurredAt());
    }

    private static Upsert team(EventEnvelope e, long id) {
        return Upsert.into("teams").key("partner_id", e.partnerId()).key("id", id).latest("updated_at", e.occurredAt());
    }

    private static Upsert menu(EventEnvelope e, long id) {
        return Upsert.into("menus").key("partner_id", e.partnerId()).key("id", id).latest("updated_at", e.occurredAt());
    }

    private static Upsert virtualAgent(EventEnvelope e, long id) {
        return Upsert.into("virtual_agents").key("partner_id", e.partnerId()).key("id", id)
                .latest("updated_at", e.occurredAt());
    }
}
