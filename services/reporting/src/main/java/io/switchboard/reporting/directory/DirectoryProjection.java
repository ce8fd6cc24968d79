package io.switchboard.reporting.directory;

import io.switchboard.events.EventEnvelope;
import io.switchboard.events.FieldChange;
import io.switchboard.events.interaction.DirectoryEvents.AgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.AgentDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.AgentStatusChanged;
import io.switchboard.events.interaction.DirectoryEvents.AgentUpdated;
import io.switchboard.events.interaction.DirectoryEvents.MenuCreated;
import io.switchboard.events.interaction.DirectoryEvents.MenuDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.MenuUpdated;
import io.switchboard.events.interaction.DirectoryEvents.TeamCreated;
import io.switchboard.events.interaction.DirectoryEvents.TeamDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.TeamMemberAdded;
import io.switchboard.events.interaction.DirectoryEvents.TeamMemberRemoved;
import io.switchboard.events.interaction.DirectoryEvents.TeamUpdated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentUpdated;
import io.switchboard.reporting.jdbc.Projection;
import io.switchboard.reporting.jdbc.Sql;
import io.switchboard.reporting.jdbc.Upsert;
import io.switchboard.reporting.jdbc.Writes;

import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Agents (with their current status), the agent status history, teams with members, menus, virtual agents. */
public class DirectoryProjection implements Projection.PerEvent {
    public static final List<String> TABLES = List.of("agents", "team_members", "agent_status_log", "teams", "menus",
            "virtual_agents");

    @Override
    public List<String> tables() {
        return TABLES;
    }

    /** FieldChange names (either spelling) that map onto agent columns. */
    private static final Map<String, String> AGENT_COLUMNS = Map.ofEntries(
            Map.entry("name", "name"),
            Map.entry("firstname", "first_name"),
            Map.entry("lastname", "last_name"),
            Map.entry("email", "email"),
            Map.entry("avatarurl", "avatar_url"),
            Map.entry("agentnumber", "agent_number"));
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
    private static final Map<String, String> TEAM_COLUMNS = Map.of("name", "name", "parentid", "parent_id");

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
            Upsert upsert = agent(e, d.agentId());
            applyChanges(upsert, d.changes(), AGENT_COLUMNS);
            upsert.run(w);
        } else if (data instanceof AgentDeactivated d) {
            agent(e, d.agentId()).set("deleted", true).run(w);
        } else if (data instanceof AgentStatusChanged d) {
            agentStatus(w, e, d);
        } else if (data instanceof TeamCreated d) {
            team(e, d.teamId()).set("name", d.name()).set("parent_id", d.parentId())
                    .earliest("created_at", d.createdAt()).run(w);
        } else if (data instanceof TeamUpdated d) {
            Upsert upsert = team(e, d.teamId());
            applyChanges(upsert, d.changes(), TEAM_COLUMNS);
            upsert.run(w);
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
            menu(e, d.menuId()).set("name", d.name()).set("channel", d.channel())
                    .overwrite("team_ids", new Sql.Longs(d.teamIds()))
                    .overwrite("virtual_agent_id", d.virtualAgentId()).run(w);
        } else if (data instanceof MenuDeactivated d) {
            menu(e, d.menuId()).set("deleted", true).run(w);
        } else if (data instanceof VirtualAgentCreated d) {
            virtualAgent(e, d.virtualAgentId()).set("name", d.name()).earliest("created_at", d.createdAt()).run(w);
        } else if (data instanceof VirtualAgentUpdated d) {
            Upsert upsert = virtualAgent(e, d.virtualAgentId());
            applyChanges(upsert, d.changes(), Map.of("name", "name"));
            upsert.run(w);
        } else if (data instanceof VirtualAgentDeactivated d) {
            virtualAgent(e, d.virtualAgentId()).set("deleted", true).run(w);
        }
    }

    private static void applyChanges(Upsert upsert, List<FieldChange> changes, Map<String, String> columns) {
        for (FieldChange change : changes) {
            String column = columns.get(change.field().replace("_", "").toLowerCase(Locale.ROOT));
            if (column == null) {
                continue;
            }
            Object value = change.current();
            if ("parent_id".equals(column) && value != null) {
                value = Long.valueOf(change.current());
            }
            upsert.overwrite(column, value);
        }
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
