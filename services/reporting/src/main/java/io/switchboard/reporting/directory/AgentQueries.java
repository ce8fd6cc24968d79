package io.switchboard.reporting.directory;

import io.switchboard.reporting.jdbc.ListParams;
import io.switchboard.reporting.jdbc.ListQuery;
import io.switchboard.reporting.jdbc.Page;
import io.switchboard.reporting.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Agents with their current status and teams, their activity logs (status intervals) and user info. */
@ApplicationScoped
public class AgentQueries {
    public static final List<String> AGENT_SORT = List.of("id", "created_at", "updated_at", "status_updated_at",
            "name", "first_name", "last_name", "email");
    public static final List<String> LOG_SORT = List.of("id", "started_at", "ended_at", "agent_id", "duration");
    public static final List<String> USER_INFO_SORT = List.of("id", "name", "updated_at");

    /** Each status change opens an interval that the agent's next change closes. */
    private static final String LOG_SOURCE = """
            (SELECT l.*, LEAD(l.started_at) OVER (PARTITION BY l.partner_id, l.agent_id ORDER BY l.started_at, l.id)
                         AS ended_at FROM agent_status_log l) x""";
    private static final String LOG_WITH_DURATION =
            "(SELECT x.*, floor(extract(epoch FROM x.ended_at - x.started_at))::bigint AS duration FROM "
                    + LOG_SOURCE + ") t";

    private final DataSource dataSource;

    public AgentQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Page<Agent> agents(String partner, ListParams params) throws SQLException {
        String sort = params.sortColumn("id", AGENT_SORT);
        ListQuery query = new ListQuery("agents t", partner)
                .anyOfIds("id", params.ids("id"))
                .inTeams("id", params.ids("team_id"))
                .anyOfStatusNames("status", params.strings("status"))
                .range("updated_at", params.from("updated_at"), params.to("updated_at"))
                .range("status_updated_at", params.from("status_updated_at"), params.to("status_updated_at"));
        try (Connection c = dataSource.getConnection()) {
            Page<AgentRow> page = query.page(c, sort, params.sortDirection(), params.per, params.offset(), AgentRow::of);
            return page.with(render(c, partner, page.rows()));
        }
    }

    public Optional<Agent> agent(String partner, long id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Page<AgentRow> page = new ListQuery("agents t", partner).where("id = ?", id)
                    .page(c, "id", "ASC", 1, 0, AgentRow::of);
            return render(c, partner, page.rows()).stream().findFirst();
        }
    }

    private record AgentRow(long id, String email, Instant createdAt, Instant updatedAt, String name, String firstName,
                            String lastName, String avatarUrl, String agentNumber, List<String> roles, boolean deleted,
                            String status, Instant statusUpdatedAt) {
        static AgentRow of(ResultSet rs) throws SQLException {
            return new AgentRow(rs.getLong("id"), rs.getString("email"), Sql.instant(rs, "created_at"),
                    Sql.instant(rs, "updated_at"), rs.getString("name"), rs.getString("first_name"),
                    rs.getString("last_name"), rs.getString("avatar_url"), rs.getString("agent_number"),
                    Sql.strings(rs, "roles"), rs.getBoolean("deleted"), rs.getString("status"),
                    Sql.instant(rs, "status_updated_at"));
        }
    }

    private static List<Agent> render(Connection c, String partner, List<AgentRow> agents) throws SQLException {
        if (agents.isEmpty()) {
            return List.of();
        }
        Map<Long, BasicTeam> teams = DirectoryRefs.teams(c, partner);
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
        List<Agent> result = new ArrayList<>();
        for (AgentRow a : agents) {
            UserStatuses.UserStatus status = UserStatuses.byName(a.status());
            result.add(new Agent(a.id(), a.email(), a.createdAt(), a.updatedAt(), a.name(), a.firstName(), a.lastName(),
                    a.avatarUrl(), a.agentNumber(), a.roles(), a.deleted(), StatusRef.of(status), a.statusUpdatedAt(),
                    status != null && !"Offline".equals(status.name()), status != null && "Wrap-up".equals(status.name()),
                    teamsOfAgent.getOrDefault(a.id(), List.of()).stream().map(teams::get).filter(Objects::nonNull).toList()));
        }
        return result;
    }

    public Page<ActivityLog> activityLogs(String partner, ListParams params) throws SQLException {
        String sort = params.sortColumn("started_at", LOG_SORT);
        ListQuery query = new ListQuery(LOG_WITH_DURATION, partner)
                .range("started_at", params.from("started_at"), params.to("started_at"))
                .range("ended_at", params.from("ended_at"), params.to("ended_at"))
                .anyOfIds("agent_id", params.ids("agent_id"))
                .inTeams("agent_id", params.ids("team_id"))
                .anyOfStatusNames("status", params.strings("status"));
        return query.page(dataSource, sort, params, rs -> new ActivityLog(rs.getLong("id"), rs.getLong("agent_id"),
                null, StatusRef.of(UserStatuses.byName(rs.getString("status"))), rs.getString("reason"),
                Sql.instant(rs, "started_at"), Sql.instant(rs, "ended_at"), Sql.longOrNull(rs, "duration"),
                "status_change", null, null));
    }

    public Page<UserInfo> userInfo(String partner, ListParams params) throws SQLException {
        String sort = params.sortColumn("id", USER_INFO_SORT);
        ListQuery query = new ListQuery("agents t", partner)
                .anyOfIds("id", params.ids("id"))
                .inTeams("id", params.ids("team_id"))
                .range("updated_at", params.from("updated_at"), params.to("updated_at"));
        return query.page(dataSource, sort, params, rs -> new UserInfo(rs.getLong("id"), rs.getString("name"),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("email"),
                rs.getString("avatar_url"), rs.getString("agent_number"), rs.getBoolean("deleted"),
                Sql.instant(rs, "updated_at")));
    }
}
