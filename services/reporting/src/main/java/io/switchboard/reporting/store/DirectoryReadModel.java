package io.switchboard.reporting.store;

import io.agroal.api.AgroalDataSource;
import io.switchboard.reporting.api.ListParams;
import io.switchboard.reporting.domain.UserStatuses;
import io.switchboard.reporting.projection.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Agents, agent activity logs, changed details, teams and menus of the Manager API. */
@ApplicationScoped
public class DirectoryReadModel {
    public static final List<String> AGENT_SORT = List.of("id", "created_at", "updated_at", "status_updated_at",
            "name", "first_name", "last_name", "email");
    public static final List<String> LOG_SORT = List.of("id", "started_at", "ended_at", "agent_id", "duration");
    public static final List<String> CHANGE_SORT = List.of("id", "changed_at", "entity_type", "entity_id", "field");
    public static final List<String> TEAM_SORT = List.of("id", "name", "parent_id", "agents_count", "updated_at");
    public static final List<String> MENU_SORT = List.of("id", "name", "parent_id", "menu_type", "updated_at");

    /** Each status change opens an interval that the agent's next change closes. */
    private static final String LOG_SOURCE = """
            (SELECT l.*, LEAD(l.started_at) OVER (PARTITION BY l.partner_id, l.agent_id ORDER BY l.started_at, l.id)
                         AS ended_at FROM agent_status_log l) x""";
    private static final String LOG_WITH_DURATION =
            "(SELECT x.*, floor(extract(epoch FROM x.ended_at - x.started_at))::bigint AS duration FROM "
                    + LOG_SOURCE + ") t";
    private static final String TEAM_SOURCE = """
            (SELECT tm.*, (SELECT count(*) FROM team_members m WHERE m.partner_id = tm.partner_id
                                AND m.team_id = tm.id AND m.member) AS agents_count FROM teams tm) t""";

    @Inject
    AgroalDataSource dataSource;

    public ListQuery.Page<Map<String, Object>> agents(String partner, ListParams params) throws SQLException {
        String sort = params.sortColumn("id", AGENT_SORT);
        ListQuery query = new ListQuery("agents t", partner)
                .anyOfIds("id", params.ids("id"))
                .inTeams("id", params.ids("team_id"))
                .anyOfStatusNames("status", params.strings("status"))
                .range("updated_at", params.from("updated_at"), params.to("updated_at"))
                .range("status_updated_at", params.from("status_updated_at"), params.to("status_updated_at"));
        try (Connection c = dataSource.getConnection()) {
            ListQuery.Page<AgentRow> page = query.page(c, sort, params.sortDirection(), params.per, params.offset(),
                    AgentRow::of);
            return new ListQuery.Page<>(renderAgents(c, partner, page.rows()), page.total());
        }
    }

    public Optional<Map<String, Object>> agent(String partner, long id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            ListQuery.Page<AgentRow> page = new ListQuery("agents t", partner).where("id = ?", id)
                    .page(c, "id", "ASC", 1, 0, AgentRow::of);
            return renderAgents(c, partner, page.rows()).stream().findFirst();
        }
    }

    private record AgentRow(Map<String, Object> base, long id, String status, Instant statusUpdatedAt) {
        static AgentRow of(ResultSet rs) throws SQLException {
            Map<String, Object> json = Json.object();
            json.put("id", rs.getLong("id"));
            json.put("email", rs.getString("email"));
            json.put("created_at", Json.time(Sql.instant(rs, "created_at")));
            json.put("updated_at", Json.time(Sql.instant(rs, "updated_at")));
            json.put("name", rs.getString("name"));
            json.put("first_name", rs.getString("first_name"));
            json.put("last_name", rs.getString("last_name"));
            json.put("avatar_url", rs.getString("avatar_url"));
            json.put("agent_number", rs.getString("agent_number"));
            json.put("roles", Sql.strings(rs, "roles"));
            json.put("deleted", rs.getBoolean("deleted"));
            return new AgentRow(json, rs.getLong("id"), rs.getString("status"), Sql.instant(rs, "status_updated_at"));
        }
    }

    private List<Map<String, Object>> renderAgents(Connection c, String partner, List<AgentRow> agents)
            throws SQLException {
        if (agents.isEmpty()) {
            return List.of();
        }
        Map<Long, Directory.Team> teams = Directory.teams(c, partner);
        Map<Long, List<Long>> teamsOfAgent = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT agent_id, team_id FROM team_members WHERE partner_id = ? AND member AND agent_id = ANY(?)
                 ORDER BY team_id""")) {
            Sql.bind(c, s, partner, new Sql.Longs(agents.stream().map(AgentRow::id).toList()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    teamsOfAgent.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                }
            }
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (AgentRow agent : agents) {
            Map<String, Object> json = new java.util.LinkedHashMap<>(agent.base());
            UserStatuses.UserStatus status = UserStatuses.byName(agent.status());
            json.put("status", Json.status(status));
            json.put("status_updated_at", Json.time(agent.statusUpdatedAt()));
            json.put("online", status != null && !"Offline".equals(status.name()));
            json.put("wrap_up", status != null && "Wrap-up".equals(status.name()));
            json.put("teams", teamsOfAgent.getOrDefault(agent.id(), List.of()).stream()
                    .map(teams::get).filter(java.util.Objects::nonNull).map(Directory::basicTeam).toList());
            result.add(json);
        }
        return result;
    }

    public ListQuery.Page<Map<String, Object>> activityLogs(String partner, ListParams params) throws SQLException {
        String sort = params.sortColumn("started_at", LOG_SORT);
        ListQuery query = new ListQuery(LOG_WITH_DURATION, partner)
                .range("started_at", params.from("started_at"), params.to("started_at"))
                .range("ended_at", params.from("ended_at"), params.to("ended_at"))
                .anyOfIds("agent_id", params.ids("agent_id"))
                .inTeams("agent_id", params.ids("team_id"))
                .anyOfStatusNames("status", params.strings("status"));
        return query.page(dataSource, sort, params, rs -> {
            Map<String, Object> json = Json.object();
            json.put("id", rs.getLong("id"));
            json.put("agent_id", rs.getLong("agent_id"));
            json.put("whodunnit", null);
            json.put("status", Json.status(UserStatuses.byName(rs.getString("status"))));
            json.put("reason", rs.getString("reason"));
            json.put("started_at", Json.time(Sql.instant(rs, "started_at")));
            json.put("ended_at", Json.time(Sql.instant(rs, "ended_at")));
            json.put("duration", Sql.longOrNull(rs, "duration"));
            json.put("activity", "status_change");
            json.put("call_id", null);
            json.put("chat_id", null);
            return json;
        });
    }

    public ListQuery.Page<Map<String, Object>> changedDetails(String partner, ListParams params) throws SQLException {
        String sort = params.sortColumn("changed_at", CHANGE_SORT);
        ListQuery query = new ListQuery("changed_details", partner)
                .range("changed_at", params.from("changed_at"), params.to("changed_at"))
                .anyOf("entity_type", params.strings("entity_type"))
                .anyOfIds("entity_id", params.ids("entity_id"))
                .anyOf("field", params.strings("field"));
        return query.page(dataSource, sort, params, rs -> {
            Map<String, Object> json = Json.object();
            json.put("id", rs.getLong("id"));
            json.put("entity_type", rs.getString("entity_type"));
            json.put("entity_id", rs.getLong("entity_id"));
            json.put("field", rs.getString("field"));
            json.put("former_value", rs.getString("former_value"));
            json.put("new_value", rs.getString("new_value"));
            json.put("changed_at", Json.time(Sql.instant(rs, "changed_at")));
            json.put("changed_by", Sql.longOrNull(rs, "changed_by"));
            return json;
        });
    }

    public ListQuery.Page<Map<String, Object>> teams(String partner, ListParams params) throws SQLException {
        String sort = params.sortColumn("id", TEAM_SORT);
        ListQuery query = new ListQuery(TEAM_SOURCE, partner)
                .anyOfIds("id", params.ids("id"))
                .anyOfIds("parent_id", params.ids("parent_id"))
                .anyOf("name", params.strings("name"))
                .range("updated_at", params.from("updated_at"), params.to("updated_at"));
        try (Connection c = dataSource.getConnection()) {
            ListQuery.Page<Directory.Team> page = query.page(c, sort, params.sortDirection(), params.per,
                    params.offset(), DirectoryReadModel::teamRow);
            return new ListQuery.Page<>(renderTeams(c, partner, page.rows()), page.total());
        }
    }

    public Optional<Map<String, Object>> team(String partner, long id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            ListQuery.Page<Directory.Team> page = new ListQuery(TEAM_SOURCE, partner).where("id = ?", id)
                    .page(c, "id", "ASC", 1, 0, DirectoryReadModel::teamRow);
            return renderTeams(c, partner, page.rows()).stream().findFirst();
        }
    }

    private static Directory.Team teamRow(ResultSet rs) throws SQLException {
        return new Directory.Team(rs.getLong("id"), rs.getString("name"), Sql.longOrNull(rs, "parent_id"),
                rs.getBoolean("deleted"), rs.getInt("agents_count"));
    }

    /** Teams with their assignees ("Team With Assignees"). */
    private List<Map<String, Object>> renderTeams(Connection c, String partner, List<Directory.Team> teams)
            throws SQLException {
        if (teams.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Map<String, Object>>> assignees = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT m.team_id, a.id, a.name, a.first_name, a.last_name, a.agent_number, a.avatar_url
                  FROM team_members m JOIN agents a ON a.partner_id = m.partner_id AND a.id = m.agent_id
                 WHERE m.partner_id = ? AND m.member AND m.team_id = ANY(?) ORDER BY a.id""")) {
            Sql.bind(c, s, partner, new Sql.Longs(teams.stream().map(Directory.Team::id).toList()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    assignees.computeIfAbsent(rs.getLong("team_id"), k -> new ArrayList<>()).add(Directory.userRef(rs));
                }
            }
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (Directory.Team team : teams) {
            Map<String, Object> json = Directory.basicTeam(team);
            json.put("assignees", assignees.getOrDefault(team.id(), List.of()));
            result.add(json);
        }
        return result;
    }

    public List<Map<String, Object>> teamTree(String partner) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return Directory.tree(Directory.teams(c, partner).values(), Directory.Team::id, Directory.Team::parentId,
                    Directory::basicTeam);
        }
    }

    public ListQuery.Page<Map<String, Object>> menus(String partner, ListParams params) throws SQLException {
        String sort = params.sortColumn("id", MENU_SORT);
        ListQuery query = new ListQuery("menus", partner)
                .anyOfIds("id", params.ids("id"))
                .anyOfIds("parent_id", params.ids("parent_id"))
                .anyOf("menu_type", params.strings("menu_type"))
                .range("updated_at", params.from("updated_at"), params.to("updated_at"));
        try (Connection c = dataSource.getConnection()) {
            ListQuery.Page<Long> page = query.page(c, sort, params.sortDirection(), params.per, params.offset(),
                    rs -> rs.getLong("id"));
            return new ListQuery.Page<>(renderMenus(c, partner, page.rows()), page.total());
        }
    }

    public Optional<Map<String, Object>> menu(String partner, long id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return renderMenus(c, partner, List.of(id)).stream().findFirst();
        }
    }

    private List<Map<String, Object>> renderMenus(Connection c, String partner, List<Long> ids) throws SQLException {
        Map<Long, Directory.Menu> menus = Directory.menus(c, partner);
        Map<Long, Directory.Team> teams = Directory.teams(c, partner);
        List<Map<String, Object>> result = new ArrayList<>();
        for (Long id : ids) {
            Directory.Menu menu = menus.get(id);
            if (menu == null) {
                continue;
            }
            Map<String, Object> json = Directory.basicMenu(menu);
            json.put("channel", menu.channel());
            json.put("virtual_agent_id", menu.virtualAgentId());
            json.put("agent_assignments", List.of());
            json.put("team_assignments", menu.teamIds().stream().map(teams::get).filter(java.util.Objects::nonNull)
                    .map(team -> {
                        Map<String, Object> assignment = Json.object();
                        assignment.put("channel_type", "voice".equals(menu.channel()) ? "voice_call" : menu.channel());
                        assignment.put("queue_level", "primary");
                        assignment.put("team", Directory.basicTeam(team));
                        return assignment;
                    }).toList());
            result.add(json);
        }
        return result;
    }

    public List<Map<String, Object>> menuTree(String partner) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return Directory.tree(Directory.menus(c, partner).values(), Directory.Menu::id, Directory.Menu::parentId,
                    Directory::basicMenu);
        }
    }
}
