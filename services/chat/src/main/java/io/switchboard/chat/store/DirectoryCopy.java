package io.switchboard.chat.store;

import io.smallrye.mutiny.Uni;
import io.switchboard.chat.domain.ChatFeature.MenuServing;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /**
     * A virtual agent as the chat object shows it. Its {@code status} (docs/api/chat.md#the-chat-object):
     * {@code available} while it is active — a bot takes any number of chats, so it is never busy —
     * {@code offline} once deactivated.
     */
    public record VirtualAgent(long id, String name, String avatarUrl, String status) {
        static final String AVAILABLE = "available";
        static final String OFFLINE = "offline";
    }

    /** A menu of a chat's menu path. */
    public record Menu(long id, String name) {
    }

    /** At most this many menus in a path: a deeper chain (or a cycle while events are on their way) is cut at the top. */
    public static final int MENU_PATH_MAX = 16;

    /**
     * The directory a chat object needs, looked up in one round trip per kind: names, avatars and statuses,
     * and the menu path from the root down to the chat's menu.
     */
    public record Names(Map<Long, Agent> agents, Map<Long, VirtualAgent> virtualAgents, List<Menu> menuPath) {
    }

    public Uni<Names> names(String partnerId, Collection<Long> agentIds, Collection<Long> virtualAgentIds,
                            Long menuId) {
        Uni<Map<Long, Agent>> agents = byIds("""
                SELECT agent_id, name, first_name, avatar_url, status FROM directory_agents
                WHERE partner_id = $1 AND agent_id = ANY($2)""", partnerId, agentIds,
                DirectoryCopy::agent);
        Uni<Map<Long, VirtualAgent>> bots = byIds("""
                SELECT virtual_agent_id, name, avatar_url, active FROM directory_virtual_agents
                WHERE partner_id = $1 AND virtual_agent_id = ANY($2)""", partnerId, virtualAgentIds,
                row -> new VirtualAgent(row.getLong(0), row.getString(1), row.getString(2),
                        row.getBoolean(3) ? VirtualAgent.AVAILABLE : VirtualAgent.OFFLINE));
        Uni<List<Menu>> menus = menuId == null ? Uni.createFrom().item(List.of()) : menuPath(partnerId, menuId);
        return Uni.combine().all().unis(agents, bots, menus).asTuple()
                .map(t -> new Names(t.getItem1(), t.getItem2(), t.getItem3()));
    }

    /**
     * The menus from the root down to {@code menuId}, by the parents the directory copy knows now. A menu the
     * directory has not announced yet is shown without a name (and ends the walk up: its parent is unknown).
     */
    public Uni<List<Menu>> menuPath(String partnerId, long menuId) {
        return pool.preparedQuery("""
                        WITH RECURSIVE path (menu_id, name, parent_id, depth, seen) AS (
                            SELECT menu_id, name, parent_id, 1, ARRAY[menu_id] FROM directory_menus
                            WHERE partner_id = $1 AND menu_id = $2
                          UNION ALL
                            SELECT m.menu_id, m.name, m.parent_id, p.depth + 1, p.seen || m.menu_id
                            FROM path p JOIN directory_menus m ON m.partner_id = $1 AND m.menu_id = p.parent_id
                            WHERE p.depth < $3 AND m.menu_id <> ALL (p.seen)
                        )
                        SELECT menu_id, name, parent_id FROM path ORDER BY depth""")
                .execute(Tuple.of(partnerId, menuId, MENU_PATH_MAX))
                .map(rows -> {
                    List<Menu> upward = new ArrayList<>();
                    Set<Long> seen = new HashSet<>();
                    Long parent = menuId;
                    for (Row row : rows) {
                        upward.add(new Menu(row.getLong(0), row.getString(1)));
                        seen.add(row.getLong(0));
                        parent = row.getLong(2);
                    }
                    // The chat's own menu, or the parent the walk stopped at, not announced yet: its id without a name.
                    if (parent != null && !seen.contains(parent) && upward.size() < MENU_PATH_MAX) {
                        upward.add(new Menu(parent, null));
                    }
                    Collections.reverse(upward);
                    return List.copyOf(upward);
                });
    }

    /**
     * Who serves {@code menuId} if it is an active menu of the partner; empty otherwise. A virtual agent or
     * team not announced yet counts as serving, as it does for the router (which waits for it); one known
     * as deactivated does not.
     */
    public Uni<Optional<MenuServing>> activeMenu(String partnerId, long menuId) {
        return pool.preparedQuery("""
                        SELECT m.virtual_agent_id IS NOT NULL AND v.active IS DISTINCT FROM false,
                               EXISTS (SELECT 1 FROM unnest(m.team_ids) AS t (team_id)
                                       LEFT JOIN directory_teams d ON d.partner_id = m.partner_id AND d.team_id = t.team_id
                                       WHERE d.active IS DISTINCT FROM false)
                        FROM directory_menus m
                        LEFT JOIN directory_virtual_agents v
                               ON v.partner_id = m.partner_id AND v.virtual_agent_id = m.virtual_agent_id
                        WHERE m.partner_id = $1 AND m.menu_id = $2 AND m.active""")
                .execute(Tuple.of(partnerId, menuId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.<MenuServing>empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new MenuServing(row.getBoolean(0), row.getBoolean(1)));
                });
    }

    /** The partner's agent {@code agentId} if the directory knows it as active. */
    public Uni<Optional<Agent>> activeAgent(String partnerId, long agentId) {
        return pool.preparedQuery("""
                        SELECT agent_id, name, first_name, avatar_url, status FROM directory_agents
                        WHERE partner_id = $1 AND agent_id = $2 AND active""")
                .execute(Tuple.of(partnerId, agentId))
                .map(rows -> rows.size() == 0 ? Optional.<Agent>empty() : Optional.of(agent(rows.iterator().next())));
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
