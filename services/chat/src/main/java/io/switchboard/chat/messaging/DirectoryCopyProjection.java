package io.switchboard.chat.messaging;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.DomainEvent;
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
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentUpdated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentUpdatedV1;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps the chat service's directory tables in step with the interaction service's directory events,
 * on the transaction in which the consumer records the event as applied (libs/consumer), so a
 * redelivery changes nothing; rows are upserted column by column, so a status change that overtakes its
 * agent's creation still lands. Menus keep their parent (the chat object's menu path), virtual agent and
 * teams (a new chat's features); teams only whether they are active; virtual agents their name and avatar.
 */
@ApplicationScoped
public class DirectoryCopyProjection {
    /** The read model's tables: a rebuild empties them and replays the topic. */
    public static final String[] TABLES = {"directory_agents", "directory_virtual_agents", "directory_menus",
            "directory_teams"};
    /** The columns a version 1 {@code AgentUpdated} (only what changed) may set, by its field names. */
    private static final Map<String, String> AGENT_COLUMNS = Map.of(
            "name", "name", "first_name", "first_name", "avatar_url", "avatar_url");

    public boolean handles(DomainEvent event) {
        return !statements(event).isEmpty();
    }

    public Uni<Void> apply(SqlConnection transaction, EventEnvelope envelope) {
        return run(transaction, envelope.partnerId(), statements(envelope.data()));
    }

    private static Uni<Void> run(SqlConnection connection, String partnerId, List<Statement> statements) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Statement statement : statements) {
            List<Object> values = new ArrayList<>();
            values.add(partnerId);
            values.addAll(statement.values());
            chain = chain.flatMap(ignored -> connection.preparedQuery(statement.sql()).execute(Tuple.from(values)))
                    .replaceWithVoid();
        }
        return chain;
    }

    /** SQL with {@code $1} = partner id and the given values as {@code $2…}. */
    private record Statement(String sql, List<Object> values) {
        static Statement of(String sql, Object... values) {
            return new Statement(sql, java.util.Arrays.asList(values));
        }
    }

    private static List<Statement> statements(DomainEvent event) {
        if (event instanceof AgentCreated created) {
            return List.of(agentProfile(created.agentId(), created.name(), created.firstName(), created.avatarUrl()));
        }
        if (event instanceof AgentUpdated updated) {
            return List.of(agentProfile(updated.agentId(), updated.name(), updated.firstName(), updated.avatarUrl()));
        }
        if (event instanceof AgentUpdatedV1 updated) {
            return updated.after().entrySet().stream().filter(set -> AGENT_COLUMNS.containsKey(set.getKey()))
                    .map(set -> upsertColumn("directory_agents", "agent_id", AGENT_COLUMNS.get(set.getKey()),
                            updated.agentId(), set.getValue()))
                    .toList();
        }
        if (event instanceof AgentStatusChanged changed) {
            return List.of(upsertColumn("directory_agents", "agent_id", "status", changed.agentId(), changed.status()));
        }
        if (event instanceof AgentDeactivated deactivated) {
            return List.of(deactivate("directory_agents", "agent_id", deactivated.agentId()));
        }
        if (event instanceof VirtualAgentCreated created) {
            return List.of(virtualAgentProfile(created.virtualAgentId(), created.name(), created.avatarUrl()));
        }
        if (event instanceof VirtualAgentUpdated updated) {
            return List.of(virtualAgentProfile(updated.virtualAgentId(), updated.name(), updated.avatarUrl()));
        }
        if (event instanceof VirtualAgentUpdatedV1 updated) {
            return updated.after().containsKey("name") ? List.of(upsertColumn("directory_virtual_agents",
                    "virtual_agent_id", "name", updated.virtualAgentId(), updated.after().get("name"))) : List.of();
        }
        if (event instanceof VirtualAgentDeactivated deactivated) {
            return List.of(deactivate("directory_virtual_agents", "virtual_agent_id", deactivated.virtualAgentId()));
        }
        if (event instanceof MenuCreated created) {
            return List.of(menu(created.menuId(), created.name(), created.parentId(), created.virtualAgentId(),
                    created.teamIds()));
        }
        if (event instanceof MenuUpdated updated) {
            return List.of(menu(updated.menuId(), updated.name(), updated.parentId(), updated.virtualAgentId(),
                    updated.teamIds()));
        }
        if (event instanceof MenuUpdatedV1 updated) {
            // Name, teams and virtual agent are its after-state; the parent only if it changed (then in after()).
            List<Statement> statements = new ArrayList<>(List.of(menuServing(updated.menuId(), updated.name(),
                    updated.virtualAgentId(), updated.teamIds())));
            if (updated.after().containsKey("parent_id")) {
                statements.add(upsertColumn("directory_menus", "menu_id", "parent_id", updated.menuId(),
                        updated.after().get("parent_id")));
            }
            return statements;
        }
        if (event instanceof MenuDeactivated deactivated) {
            return List.of(deactivate("directory_menus", "menu_id", deactivated.menuId()));
        }
        if (event instanceof TeamCreated created) {
            return List.of(Statement.of("""
                    INSERT INTO directory_teams (partner_id, team_id) VALUES ($1, $2)
                    ON CONFLICT (partner_id, team_id) DO NOTHING""", created.teamId()));
        }
        if (event instanceof TeamDeactivated deactivated) {
            return List.of(deactivate("directory_teams", "team_id", deactivated.teamId()));
        }
        return List.of();
    }

    /** The agent's profile after a creation or an update (the chat object shows its name and avatar). */
    private static Statement agentProfile(long agentId, String name, String firstName, String avatarUrl) {
        return Statement.of("""
                INSERT INTO directory_agents (partner_id, agent_id, name, first_name, avatar_url) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (partner_id, agent_id) DO UPDATE
                SET name = EXCLUDED.name, first_name = EXCLUDED.first_name, avatar_url = EXCLUDED.avatar_url""",
                agentId, name, firstName, avatarUrl);
    }

    private static Statement virtualAgentProfile(long virtualAgentId, String name, String avatarUrl) {
        return Statement.of("""
                INSERT INTO directory_virtual_agents (partner_id, virtual_agent_id, name, avatar_url) VALUES ($1, $2, $3, $4)
                ON CONFLICT (partner_id, virtual_agent_id) DO UPDATE
                SET name = EXCLUDED.name, avatar_url = EXCLUDED.avatar_url""", virtualAgentId, name, avatarUrl);
    }

    /** The menu after a creation or a (version 2) update: all of it is the after-state. */
    private static Statement menu(long menuId, String name, Long parentId, Long virtualAgentId, List<Long> teamIds) {
        return Statement.of("""
                INSERT INTO directory_menus (partner_id, menu_id, name, parent_id, virtual_agent_id, team_ids)
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (partner_id, menu_id) DO UPDATE
                SET name = EXCLUDED.name, parent_id = EXCLUDED.parent_id, virtual_agent_id = EXCLUDED.virtual_agent_id,
                    team_ids = EXCLUDED.team_ids""", menuId, name, parentId, virtualAgentId, ids(teamIds));
    }

    /** What a version 1 menu update carries typed: the name and who serves the menu. */
    private static Statement menuServing(long menuId, String name, Long virtualAgentId, List<Long> teamIds) {
        return Statement.of("""
                INSERT INTO directory_menus (partner_id, menu_id, name, virtual_agent_id, team_ids) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (partner_id, menu_id) DO UPDATE
                SET name = EXCLUDED.name, virtual_agent_id = EXCLUDED.virtual_agent_id, team_ids = EXCLUDED.team_ids""",
                menuId, name, virtualAgentId, ids(teamIds));
    }

    private static Long[] ids(List<Long> ids) {
        return ids == null ? new Long[0] : ids.toArray(Long[]::new);
    }

    private static Statement upsertColumn(String table, String key, String column, long id, Object value) {
        return Statement.of("INSERT INTO " + table + " (partner_id, " + key + ", " + column + ") VALUES ($1, $2, $3) "
                + "ON CONFLICT (partner_id, " + key + ") DO UPDATE SET " + column + " = EXCLUDED." + column, id, value);
    }

    private static Statement deactivate(String table, String key, long id) {
        return Statement.of("INSERT INTO " + table + " (partner_id, " + key + ", active) VALUES ($1, $2, false) "
                + "ON CONFLICT (partner_id, " + key + ") DO UPDATE SET active = false", id);
    }
}
