package io.switchboard.chat.messaging;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.FieldChange;
import io.switchboard.events.interaction.DirectoryEvents.AgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.AgentDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.AgentStatusChanged;
import io.switchboard.events.interaction.DirectoryEvents.AgentUpdated;
import io.switchboard.events.interaction.DirectoryEvents.MenuCreated;
import io.switchboard.events.interaction.DirectoryEvents.MenuDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.MenuUpdated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentUpdated;
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
            return List.of(Statement.of("""
                    INSERT INTO directory_agents (partner_id, agent_id, name, first_name, avatar_url) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (partner_id, agent_id) DO UPDATE
                    SET name = EXCLUDED.name, first_name = EXCLUDED.first_name, avatar_url = EXCLUDED.avatar_url""",
                    created.agentId(), created.name(), created.firstName(), created.avatarUrl()));
        }
        if (event instanceof AgentUpdated updated) {
            return updated.changes().stream().filter(change -> AGENT_COLUMNS.containsKey(change.field()))
                    .map(change -> upsertColumn("directory_agents", "agent_id", AGENT_COLUMNS.get(change.field()),
                            updated.agentId(), change.current()))
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
            return renamed(updated.changes(), "directory_virtual_agents", "virtual_agent_id", updated.virtualAgentId());
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
        if (event instanceof MenuDeactivated deactivated) {
            return List.of(deactivate("directory_menus", "menu_id", deactivated.menuId()));
        }
        return List.of();
    }

    private static List<Statement> renamed(List<FieldChange> changes, String table, String key, long id) {
        return changes.stream().filter(change -> "name".equals(change.field()))
                .map(change -> upsertColumn(table, key, "name", id, change.current())).toList();
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
