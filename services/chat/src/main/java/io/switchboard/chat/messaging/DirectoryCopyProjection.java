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
 * agent's creation still lands.
 */
@ApplicationScoped
public class DirectoryCopyProjection {
    /** The read model's tables: a rebuild empties them and replays the topic. */
    public static final String[] TABLES = {"directory_agents", "directory_virtual_agents", "directory_menus"};
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
            return List.of(upsertColumn("directory_virtual_agents", "virtual_agent_id", "name", created.virtualAgentId(),
                    created.name()));
        }
        if (event instanceof VirtualAgentUpdated updated) {
            return List.of(upsertColumn("directory_virtual_agents", "virtual_agent_id", "name", updated.virtualAgentId(),
                    updated.name()));
        }
        if (event instanceof VirtualAgentUpdatedV1 updated) {
            return updated.after().containsKey("name") ? List.of(upsertColumn("directory_virtual_agents",
                    "virtual_agent_id", "name", updated.virtualAgentId(), updated.after().get("name"))) : List.of();
        }
        if (event instanceof VirtualAgentDeactivated deactivated) {
            return List.of(deactivate("directory_virtual_agents", "virtual_agent_id", deactivated.virtualAgentId()));
        }
        if (event instanceof MenuCreated created) {
            return List.of(upsertColumn("directory_menus", "menu_id", "name", created.menuId(), created.name()));
        }
        if (event instanceof MenuUpdated updated) {
            return List.of(upsertColumn("directory_menus", "menu_id", "name", updated.menuId(), updated.name()));
        }
        if (event instanceof MenuUpdatedV1 updated) {
            return List.of(upsertColumn("directory_menus", "menu_id", "name", updated.menuId(), updated.name()));
        }
        if (event instanceof MenuDeactivated deactivated) {
            return List.of(deactivate("directory_menus", "menu_id", deactivated.menuId()));
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

    private static Statement upsertColumn(String table, String key, String column, long id, Object value) {
        return Statement.of("INSERT INTO " + table + " (partner_id, " + key + ", " + column + ") VALUES ($1, $2, $3) "
                + "ON CONFLICT (partner_id, " + key + ") DO UPDATE SET " + column + " = EXCLUDED." + column, id, value);
    }

    private static Statement deactivate(String table, String key, long id) {
        return Statement.of("INSERT INTO " + table + " (partner_id, " + key + ", active) VALUES ($1, $2, false) "
                + "ON CONFLICT (partner_id, " + key + ") DO UPDATE SET active = false", id);
    }
}
