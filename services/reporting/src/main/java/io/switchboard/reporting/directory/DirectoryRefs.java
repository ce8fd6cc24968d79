package io.switchboard.reporting.directory;

import io.switchboard.reporting.jdbc.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The directory rows other objects embed, read on the caller's connection: user references (calls,
 * chats, teams), menus (a call's or chat's selected menu and menu path) and teams (agents, menus).
 */
public final class DirectoryRefs {
    private DirectoryRefs() {
    }

    /** A menu row, with the ids it refers to. */
    public record MenuRow(long id, String name, Long parentId, boolean deleted, String menuType, String channel,
                          List<Long> teamIds, Long virtualAgentId) {

        public BasicMenu basic() {
            return new BasicMenu(id, name, parentId, deleted, false, menuType, null);
        }
    }

    /** The user references of these agents, by id (agents not projected yet are absent). */
    public static Map<Long, UserRef.UserReference> userRefs(Connection c, String partner, Collection<Long> ids)
            throws SQLException {
        Map<Long, UserRef.UserReference> refs = new HashMap<>();
        List<Long> wanted = ids.stream().filter(Objects::nonNull).distinct().toList();
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

    static UserRef.UserReference userRef(ResultSet rs) throws SQLException {
        return new UserRef.UserReference(rs.getLong("id"), rs.getString("name"), rs.getString("first_name"),
                rs.getString("last_name"), rs.getString("agent_number"), rs.getString("avatar_url"));
    }

    /** The agent's reference, or just its id if it is not projected yet; null for no agent. */
    public static UserRef userRef(Long id, Map<Long, UserRef.UserReference> known) {
        if (id == null) {
            return null;
        }
        UserRef ref = known.get(id);
        return ref != null ? ref : new UserRef.UserIdReference(id);
    }

    /** Every menu of the partner, by id. */
    public static Map<Long, MenuRow> menus(Connection c, String partner) throws SQLException {
        Map<Long, MenuRow> menus = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM menus WHERE partner_id = ? ORDER BY id")) {
            Sql.bind(c, s, partner);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    menus.put(rs.getLong("id"), new MenuRow(rs.getLong("id"), rs.getString("name"),
                            Sql.longOrNull(rs, "parent_id"), rs.getBoolean("deleted"), rs.getString("menu_type"),
                            rs.getString("channel"), Sql.longs(rs, "team_ids"), Sql.longOrNull(rs, "virtual_agent_id")));
                }
            }
        }
        return menus;
    }

    /** The selected menu's basic shape, null if there is none or it is not projected yet. */
    public static BasicMenu selectedMenu(Long menuId, Map<Long, MenuRow> menus) {
        MenuRow menu = menuId == null ? null : menus.get(menuId);
        return menu == null ? null : menu.basic();
    }

    /** The path from the root down to this menu; a menu not projected yet is a path of its id alone. */
    public static MenuPath menuPath(Long menuId, Map<Long, MenuRow> menus) {
        if (menuId == null) {
            return null;
        }
        List<MenuRow> path = new ArrayList<>();
        MenuRow current = menus.get(menuId);
        while (current != null && path.size() < 32) {
            path.add(0, current);
            current = current.parentId() == null ? null : menus.get(current.parentId());
        }
        if (path.isEmpty()) {
            return new MenuPath(1, null, String.valueOf(menuId));
        }
        return new MenuPath(path.size(), String.join(" / ", path.stream().map(m -> String.valueOf(m.name())).toList()),
                String.join("/", path.stream().map(m -> String.valueOf(m.id())).toList()));
    }

    /** Every team of the partner with its member count, by id. */
    static Map<Long, BasicTeam> teams(Connection c, String partner) throws SQLException {
        Map<Long, BasicTeam> teams = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT t.*, (SELECT count(*) FROM team_members m
                              WHERE m.partner_id = t.partner_id AND m.team_id = t.id AND m.member) AS agents_count
                  FROM teams t WHERE t.partner_id = ? ORDER BY t.id""")) {
            Sql.bind(c, s, partner);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    BasicTeam team = basicTeam(rs);
                    teams.put(team.id(), team);
                }
            }
        }
        return teams;
    }

    static BasicTeam basicTeam(ResultSet rs) throws SQLException {
        return new BasicTeam(rs.getLong("id"), rs.getString("name"), Sql.longOrNull(rs, "parent_id"),
                rs.getBoolean("deleted"), rs.getInt("agents_count"));
    }

    /**
     * The nodes as a forest: a node whose parent is absent (or itself) is a root; children keep the
     * nodes' order, and a cycle in the stored parents is cut where it closes.
     */
    static <T, N> List<N> tree(Collection<T> nodes, Function<T, Long> id, Function<T, Long> parent,
                               BiFunction<T, List<N>, N> node) {
        Map<Long, List<T>> children = new HashMap<>();
        Set<Long> ids = new HashSet<>();
        nodes.forEach(n -> ids.add(id.apply(n)));
        List<T> roots = new ArrayList<>();
        for (T n : nodes) {
            Long p = parent.apply(n);
            if (p == null || !ids.contains(p) || p.equals(id.apply(n))) {
                roots.add(n);
            } else {
                children.computeIfAbsent(p, k -> new ArrayList<>()).add(n);
            }
        }
        return roots.stream().map(r -> node(r, id, children, node, new HashSet<>())).toList();
    }

    private static <T, N> N node(T n, Function<T, Long> id, Map<Long, List<T>> children,
                                 BiFunction<T, List<N>, N> node, Set<Long> seen) {
        seen.add(id.apply(n));
        List<N> below = children.getOrDefault(id.apply(n), List.of()).stream()
                .filter(child -> !seen.contains(id.apply(child)))
                .map(child -> node(child, id, children, node, seen)).toList();
        return node.apply(n, below);
    }
}
