package io.switchboard.reporting.store;

import io.switchboard.reporting.projection.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Look-ups of directory rows that calls, chats, teams and menus embed (user references, menus, teams). */
final class Directory {
    private Directory() {
    }

    record Menu(long id, String name, Long parentId, boolean deleted, String menuType, String channel,
                List<Long> teamIds, Long virtualAgentId) {
    }

    record Team(long id, String name, Long parentId, boolean deleted, int agentsCount) {
    }

    /** Contract §3.4 user references of the given agents, by id (agents not yet known are absent). */
    static Map<Long, Map<String, Object>> userRefs(Connection c, String partner, Collection<Long> ids)
            throws SQLException {
        Map<Long, Map<String, Object>> refs = new HashMap<>();
        List<Long> wanted = ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (wanted.isEmpty()) {
            return refs;
        }
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, name, first_name, last_name, agent_number, avatar_url FROM agents
                 WHERE partner_id = ? AND id = ANY(?)""")) {
            Sql.bind(c, s, partner, new Sql.Longs(wanted));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    refs.put(rs.getLong("id"), userRef(rs));
                }
            }
        }
        return refs;
    }

    static Map<String, Object> userRef(ResultSet rs) throws SQLException {
        Map<String, Object> ref = Json.object();
        ref.put("id", rs.getLong("id"));
        ref.put("name", rs.getString("name"));
        ref.put("first_name", rs.getString("first_name"));
        ref.put("last_name", rs.getString("last_name"));
        ref.put("agent_number", rs.getString("agent_number"));
        ref.put("avatar_url", rs.getString("avatar_url"));
        return ref;
    }

    /** A reference to an agent the read side has not seen yet: just the id. */
    static Map<String, Object> userRef(Long id, Map<Long, Map<String, Object>> known) {
        if (id == null) {
            return null;
        }
        Map<String, Object> ref = known.get(id);
        if (ref != null) {
            return ref;
        }
        Map<String, Object> bare = Json.object();
        bare.put("id", id);
        return bare;
    }

    static Map<Long, Menu> menus(Connection c, String partner) throws SQLException {
        Map<Long, Menu> menus = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM menus WHERE partner_id = ? ORDER BY id")) {
            Sql.bind(c, s, partner);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    menus.put(rs.getLong("id"), new Menu(rs.getLong("id"), rs.getString("name"),
                            Sql.longOrNull(rs, "parent_id"), rs.getBoolean("deleted"), rs.getString("menu_type"),
                            rs.getString("channel"), Sql.longs(rs, "team_ids"), Sql.longOrNull(rs, "virtual_agent_id")));
                }
            }
        }
        return menus;
    }

    static Map<Long, Team> teams(Connection c, String partner) throws SQLException {
        Map<Long, Team> teams = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT t.*, (SELECT count(*) FROM team_members m
                              WHERE m.partner_id = t.partner_id AND m.team_id = t.id AND m.member) AS agents_count
                  FROM teams t WHERE t.partner_id = ? ORDER BY t.id""")) {
            Sql.bind(c, s, partner);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    teams.put(rs.getLong("id"), new Team(rs.getLong("id"), rs.getString("name"),
                            Sql.longOrNull(rs, "parent_id"), rs.getBoolean("deleted"), rs.getInt("agents_count")));
                }
            }
        }
        return teams;
    }

    /** Contract §8.2 basic menu shape. */
    static Map<String, Object> basicMenu(Menu menu) {
        Map<String, Object> json = Json.object();
        json.put("id", menu.id());
        json.put("name", menu.name());
        json.put("parent_id", menu.parentId());
        json.put("deleted", menu.deleted());
        json.put("hidden", false);
        json.put("menu_type", menu.menuType());
        json.put("output_msg", null);
        return json;
    }

    /** Contract §5.3 menu path: the names and ids from the root down to this menu. */
    static Map<String, Object> menuPath(Long menuId, Map<Long, Menu> menus) {
        if (menuId == null) {
            return null;
        }
        List<Menu> path = new ArrayList<>();
        Menu current = menus.get(menuId);
        while (current != null && path.size() < 32) {
            path.add(0, current);
            current = current.parentId() == null ? null : menus.get(current.parentId());
        }
        Map<String, Object> json = Json.object();
        if (path.isEmpty()) {
            json.put("items_count", 1);
            json.put("name", null);
            json.put("materialized_path", String.valueOf(menuId));
            return json;
        }
        json.put("items_count", path.size());
        json.put("name", String.join(" / ", path.stream().map(m -> String.valueOf(m.name())).toList()));
        json.put("materialized_path", String.join("/", path.stream().map(m -> String.valueOf(m.id())).toList()));
        return json;
    }

    static Map<String, Object> basicTeam(Team team) {
        Map<String, Object> json = Json.object();
        json.put("id", team.id());
        json.put("name", team.name());
        json.put("parent_id", team.parentId());
        json.put("deleted", team.deleted());
        json.put("agents_count", team.agentsCount());
        return json;
    }

    /** Nodes whose parent is absent are roots; children are ordered by id. */
    static <T> List<Map<String, Object>> tree(Collection<T> nodes, java.util.function.Function<T, Long> id,
                                             java.util.function.Function<T, Long> parent,
                                             java.util.function.Function<T, Map<String, Object>> json) {
        Map<Long, List<T>> children = new HashMap<>();
        java.util.Set<Long> ids = new java.util.HashSet<>();
        nodes.forEach(n -> ids.add(id.apply(n)));
        List<T> roots = new ArrayList<>();
        for (T node : nodes) {
            Long p = parent.apply(node);
            if (p == null || !ids.contains(p) || p.equals(id.apply(node))) {
                roots.add(node);
            } else {
                children.computeIfAbsent(p, k -> new ArrayList<>()).add(node);
            }
        }
        return roots.stream().map(r -> node(r, id, children, json, new java.util.HashSet<>())).toList();
    }

    private static <T> Map<String, Object> node(T node, java.util.function.Function<T, Long> id,
                                                Map<Long, List<T>> children,
                                                java.util.function.Function<T, Map<String, Object>> json,
                                                java.util.Set<Long> seen) {
        Map<String, Object> out = json.apply(node);
        seen.add(id.apply(node));
        out.put("children", children.getOrDefault(id.apply(node), List.of()).stream()
                .filter(child -> !seen.contains(id.apply(child)))
                .map(child -> node(child, id, children, json, seen)).toList());
        return out;
    }
}
