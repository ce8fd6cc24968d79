package io.switchboard.reporting.dataapi.dimensions;

import io.switchboard.events.WireTime;
import io.switchboard.reporting.directory.UserStatuses;
import io.switchboard.reporting.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The dimensiondata lists over the directory read model ({@code agents}, {@code team_members}, {@code teams},
 * {@code menus}, {@code virtual_agents}: the directory projection) and the intents found as topics of redacted
 * messages ({@code chat_messages}). Every list is keyset-paged by (key, partner) ascending: ids never change, so
 * a page never repeats or skips a row while rows are added or changed. {@code partner} null reads every partner
 * (the system level; each row names its partner).
 */
@ApplicationScoped
public class DimensionQueries {
    public static final int MAX_FIRST = 100;

    private final DataSource dataSource;

    public DimensionQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Conditions on the list's table (alias {@code t}) with their parameters. */
    public static final class Filter {
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> params = new ArrayList<>();

        public Filter where(String condition, Object... values) {
            conditions.add(condition);
            params.addAll(List.of(values));
            return this;
        }

        public Filter id(Long id) {
            return id == null ? this : where("t.id = ?", id);
        }

        public Filter deactivated(Boolean deactivated) {
            return deactivated == null ? this : where("t.deleted = ?", deactivated);
        }

        public Filter updatedSince(Instant since) {
            return since == null ? this : where("t.updated_at >= ?", since);
        }

        public Filter parent(Long parentId, boolean rootsOnly) {
            if (rootsOnly) {
                where("t.parent_id IS NULL");
            }
            return parentId == null ? this : where("t.parent_id = ?", parentId);
        }

        /** Agents currently in the team (its own members, not its sub-teams'). */
        public Filter inTeam(Long teamId) {
            return teamId == null ? this : where("EXISTS (SELECT 1 FROM team_members m WHERE m.partner_id = t.partner_id"
                    + " AND m.team_id = ? AND m.agent_id = t.id AND m.member)", teamId);
        }

        /** The current status, matched as {@link UserStatuses} matches names: ignoring case, spaces, - and _. */
        public Filter status(String status) {
            return status == null ? this : where("lower(regexp_replace(t.status, '[[:space:]_-]', '', 'g')) = ?",
                    status.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", ""));
        }

        public Filter channel(String channel) {
            return channel == null ? this : where("lower(t.channel) = lower(?)", channel);
        }
    }

    public Dimensions.Connection<Dimensions.Agent> agents(String partner, Filter filter, int first, DimensionCursor after)
            throws SQLException {
        return page("agents", """
                SELECT t.*, ARRAY(SELECT m.team_id FROM team_members m WHERE m.partner_id = t.partner_id
                                     AND m.agent_id = t.id AND m.member ORDER BY m.team_id) AS team_ids,
                       ARRAY(SELECT tm.name FROM team_members m LEFT JOIN teams tm ON tm.partner_id = m.partner_id
                                     AND tm.id = m.team_id WHERE m.partner_id = t.partner_id AND m.agent_id = t.id
                                     AND m.member ORDER BY m.team_id) AS team_names
                  FROM agents t""", partner, filter, first, after, rs -> new Dimensions.Agent(
                        id(rs, "id"), rs.getString("partner_id"), rs.getString("name"), rs.getString("first_name"),
                        rs.getString("last_name"), rs.getString("email"), rs.getString("avatar_url"),
                        rs.getString("agent_number"), Sql.strings(rs, "roles"), status(rs.getString("status")),
                        rs.getString("status_reason"), time(rs, "status_updated_at"),
                        refs(rs, "team_ids", "team_names", Dimensions.TeamRef::new), rs.getBoolean("deleted"),
                        time(rs, "created_at"), time(rs, "updated_at")), Dimensions.Agent::agentId,
                Dimensions.Agent::partnerId);
    }

    public Dimensions.Connection<Dimensions.Team> teams(String partner, Filter filter, int first, DimensionCursor after)
            throws SQLException {
        return page("teams", TEAMS, partner, filter, first, after, DimensionQueries::team, Dimensions.Team::teamId,
                Dimensions.Team::partnerId);
    }

    /** Every team of the partner: its tree. */
    public List<Dimensions.Team> allTeams(String partner) throws SQLException {
        return all(TEAMS, partner, DimensionQueries::team);
    }

    public Dimensions.Connection<Dimensions.Menu> menus(String partner, Filter filter, int first, DimensionCursor after)
            throws SQLException {
        return page("menus", MENUS, partner, filter, first, after, DimensionQueries::menu, Dimensions.Menu::menuId,
                Dimensions.Menu::partnerId);
    }

    /** Every menu of the partner: its tree. */
    public List<Dimensions.Menu> allMenus(String partner) throws SQLException {
        return all(MENUS, partner, DimensionQueries::menu);
    }

    public Dimensions.Connection<Dimensions.VirtualAgent> virtualAgents(String partner, Filter filter, int first,
                                                                     DimensionCursor after) throws SQLException {
        return page("virtual_agents", """
                SELECT t.*, ARRAY(SELECT m.id FROM menus m WHERE m.partner_id = t.partner_id
                                     AND m.virtual_agent_id = t.id ORDER BY m.id) AS menu_ids,
                       ARRAY(SELECT m.name FROM menus m WHERE m.partner_id = t.partner_id
                                     AND m.virtual_agent_id = t.id ORDER BY m.id) AS menu_names
                  FROM virtual_agents t""", partner, filter, first, after, rs -> new Dimensions.VirtualAgent(
                        id(rs, "id"), rs.getString("partner_id"), rs.getString("name"),
                        refs(rs, "menu_ids", "menu_names", Dimensions.MenuRef::new), rs.getBoolean("deleted"),
                        time(rs, "created_at"), time(rs, "updated_at")), Dimensions.VirtualAgent::virtualAgentId,
                Dimensions.VirtualAgent::partnerId);
    }

    /**
     * The intents that were the topic of at least one retained redacted message (the objectives of conversations),
     * by name; their figures over the messages still kept ({@code chat_messages}' retention).
     */
    public Dimensions.Connection<Dimensions.Intent> intents(String partner, int first, DimensionCursor after)
            throws SQLException {
        checkFirst(first);
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("""
                SELECT t.partner_id, t.topic, count(DISTINCT t.chat_id) AS conversations, count(*) AS messages,
                       max(t.score) AS best, avg(t.score) AS average, min(t.sent_at) AS first_seen,
                       max(t.sent_at) AS last_seen
                  FROM chat_messages t WHERE t.topic IS NOT NULL AND t.score IS NOT NULL""");
        if (partner != null) {
            sql.append(" AND t.partner_id = ?");
            params.add(partner);
        }
        if (after != null) {
            sql.append(" AND (t.topic, t.partner_id) > (?, ?)");
            params.add(after.key());
            params.add(after.partnerId());
        }
        sql.append(" GROUP BY t.topic, t.partner_id ORDER BY t.topic, t.partner_id LIMIT ?");
        params.add(first + 1);
        List<Dimensions.Intent> rows = query(sql.toString(), params, rs -> new Dimensions.Intent(rs.getString("topic"),
                rs.getString("partner_id"), rs.getInt("conversations"), rs.getInt("messages"), rs.getDouble("best"),
                rs.getDouble("average"), time(rs, "first_seen"), time(rs, "last_seen")));
        return connection("intents", rows, first, Dimensions.Intent::intent, Dimensions.Intent::partnerId);
    }

    private static final String TEAMS = """
            SELECT t.*, (SELECT count(*) FROM team_members m WHERE m.partner_id = t.partner_id AND m.team_id = t.id
                                 AND m.member) AS agent_count
              FROM teams t""";

    private static final String MENUS = """
            SELECT t.*, ARRAY(SELECT tm.name FROM unnest(t.team_ids) WITH ORDINALITY u(id, ord)
                                LEFT JOIN teams tm ON tm.partner_id = t.partner_id AND tm.id = u.id
                               ORDER BY u.ord) AS team_names,
                   (SELECT v.name FROM virtual_agents v WHERE v.partner_id = t.partner_id
                       AND v.id = t.virtual_agent_id) AS virtual_agent_name
              FROM menus t""";

    private static Dimensions.Team team(ResultSet rs) throws SQLException {
        return new Dimensions.Team(id(rs, "id"), rs.getString("partner_id"), rs.getString("name"), id(rs, "parent_id"),
                rs.getInt("agent_count"), rs.getBoolean("deleted"), time(rs, "created_at"), time(rs, "updated_at"));
    }

    private static Dimensions.Menu menu(ResultSet rs) throws SQLException {
        String virtualAgent = id(rs, "virtual_agent_id");
        return new Dimensions.Menu(id(rs, "id"), rs.getString("partner_id"), rs.getString("name"),
                rs.getString("channel"), rs.getString("menu_type"), id(rs, "parent_id"),
                refs(rs, "team_ids", "team_names", Dimensions.TeamRef::new),
                virtualAgent == null ? null : new Dimensions.VirtualAgentRef(virtualAgent, rs.getString("virtual_agent_name")),
                rs.getBoolean("deleted"), time(rs, "created_at"), time(rs, "updated_at"));
    }

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> Dimensions.Connection<T> page(String list, String select, String partner, Filter filter, int first,
                                             DimensionCursor after, Row<T> mapper, Function<T, String> key,
                                             Function<T, String> partnerOf) throws SQLException {
        checkFirst(first);
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (partner != null) {
            conditions.add("t.partner_id = ?");
            params.add(partner);
        }
        conditions.addAll(filter.conditions);
        params.addAll(filter.params);
        if (after != null) {
            conditions.add("(t.id, t.partner_id) > (?, ?)");
            params.add(after.id());
            params.add(after.partnerId());
        }
        params.add(first + 1);
        String sql = select + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY t.id, t.partner_id LIMIT ?";
        return connection(list, query(sql, params, mapper), first, key, partnerOf);
    }

    private <T> List<T> all(String select, String partner, Row<T> mapper) throws SQLException {
        return query(select + " WHERE t.partner_id = ? ORDER BY t.id", List.of(partner), mapper);
    }

    private <T> List<T> query(String sql, List<Object> params, Row<T> mapper) throws SQLException {
        List<T> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            Sql.bind(c, s, params.toArray());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
        }
        return rows;
    }

    /** {@code rows} holds up to {@code first + 1}: one more means another page. */
    private static <T> Dimensions.Connection<T> connection(String list, List<T> rows, int first, Function<T, String> key,
                                                           Function<T, String> partnerOf) {
        boolean more = rows.size() > first;
        List<T> shown = more ? rows.subList(0, first) : rows;
        List<Dimensions.Edge<T>> edges = new ArrayList<>();
        for (T row : shown) {
            edges.add(new Dimensions.Edge<>(new DimensionCursor(list, partnerOf.apply(row), key.apply(row)).encode(), row));
        }
        return new Dimensions.Connection<>(edges, new Dimensions.PageInfo(more,
                edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
    }

    private static void checkFirst(int first) {
        if (first < 1 || first > MAX_FIRST) {
            throw new IllegalArgumentException("first must be 1.." + MAX_FIRST);
        }
    }

    /** The status's canonical name (a custom status as it was given). */
    private static String status(String stored) {
        UserStatuses.UserStatus status = UserStatuses.byName(stored);
        return status == null ? null : status.name();
    }

    private static String id(ResultSet rs, String column) throws SQLException {
        Long id = Sql.longOrNull(rs, column);
        return id == null ? null : String.valueOf(id);
    }

    private static String time(ResultSet rs, String column) throws SQLException {
        Instant at = Sql.instant(rs, column);
        return at == null ? null : WireTime.format(at);
    }

    /** References from two parallel arrays (ids, names); a name not known yet is null. */
    private static <R> List<R> refs(ResultSet rs, String ids, String names, java.util.function.BiFunction<String, String, R> ref)
            throws SQLException {
        List<Long> idList = Sql.longs(rs, ids);
        Array nameArray = rs.getArray(names);
        Object[] nameValues = nameArray == null ? new Object[0] : (Object[]) nameArray.getArray();
        List<R> refs = new ArrayList<>();
        for (int i = 0; i < idList.size(); i++) {
            Object name = i < nameValues.length ? nameValues[i] : null;
            refs.add(ref.apply(String.valueOf(idList.get(i)), name == null ? null : name.toString()));
        }
        return List.copyOf(refs);
    }
}
