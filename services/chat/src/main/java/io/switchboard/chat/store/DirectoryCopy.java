package io.switchboard.chat.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads of the local directory read model (see {@code messaging.DirectoryCopyProjection}). Unknown ids
 * are simply absent: the chat object then shows the id without a name. Commands that name an agent or
 * a menu check it here: an id the partner's directory does not have (as active) is refused.
 */
@ApplicationScoped
public class DirectoryCopy {
    private final Pool pool;

    public DirectoryCopy(Pool pool) {
        this.pool = pool;
    }

    public record Agent(long id, String name, String firstName, String avatarUrl, String status) {
    }

    public record VirtualAgent(long id, String name) {
    }

    /** The names a chat object needs, looked up in one round trip per kind. */
    public record Names(Map<Long, Agent> agents, Map<Long, VirtualAgent> virtualAgents, Map<Long, String> menus) {
        public static final Names NONE = new Names(Map.of(), Map.of(), Map.of());
    }

    public Uni<Names> names(String partnerId, Collection<Long> agentIds, Collection<Long> virtualAgentIds,
                            Collection<Long> menuIds) {
        Uni<Map<Long, Agent>> agents = byIds("""
                SELECT agent_id, name, first_name, avatar_url, status FROM directory_agents
                WHERE partner_id = $1 AND agent_id = ANY($2)""", partnerId, agentIds,
                DirectoryCopy::agent);
        Uni<Map<Long, VirtualAgent>> bots = byIds("""
                SELECT virtual_agent_id, name FROM directory_virtual_agents
                WHERE partner_id = $1 AND virtual_agent_id = ANY($2)""", partnerId, virtualAgentIds,
                row -> new VirtualAgent(row.getLong(0), row.getString(1)));
        Uni<Map<Long, String>> menus = byIds("""
                SELECT menu_id, name FROM directory_menus WHERE partner_id = $1 AND menu_id = ANY($2)""",
                partnerId, menuIds, row -> row.getString(1));
        return Uni.combine().all().unis(agents, bots, menus).asTuple()
                .map(t -> new Names(t.getItem1(), t.getItem2(), t.getItem3()));
    }

    /** The partner's agent {@code agentId} if the directory knows it as active. */
    public Uni<java.util.Optional<Agent>> activeAgent(String partnerId, long agentId) {
        return pool.preparedQuery("""
                        SELECT agent_id, name, first_name, avatar_url, status FROM directory_agents
                        WHERE partner_id = $1 AND agent_id = $2 AND active""")
                .execute(Tuple.of(partnerId, agentId))
                .map(rows -> rows.size() == 0 ? java.util.Optional.<Agent>empty() : java.util.Optional.of(agent(rows.iterator().next())));
    }

    /** Whether {@code menuId} is an active menu of the partner. */
    public Uni<Boolean> isActiveMenu(String partnerId, long menuId) {
        return pool.preparedQuery("SELECT 1 FROM directory_menus WHERE partner_id = $1 AND menu_id = $2 AND active")
                .execute(Tuple.of(partnerId, menuId)).map(rows -> rows.size() == 1);
    }

    private static Agent agent(Row row) {
        return new Agent(row.getLong(0), row.getString(1), row.getString(2), row.getString(3), row.getString(4));
    }

    private <T> Uni<Map<Long, T>> byIds(String sql, String partnerId, Collection<Long> ids,
                                        java.util.function.Function<Row, T> mapper) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery(sql).execute(Tuple.of(partnerId, ids.toArray(Long[]::new))).map(rows -> {
            Map<Long, T> found = new HashMap<>();
            for (Row row : rows) {
                found.put(row.getLong(0), mapper.apply(row));
            }
            return found;
        });
    }
}
