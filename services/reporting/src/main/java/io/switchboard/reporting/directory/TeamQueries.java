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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Teams with their assignees, and the team tree. */
@ApplicationScoped
public class TeamQueries {
    public static final List<String> TEAM_SORT = List.of("id", "name", "parent_id", "agents_count", "updated_at");
    private static final String TEAM_SOURCE = """
            (SELECT tm.*, (SELECT count(*) FROM team_members m WHERE m.partner_id = tm.partner_id
                                AND m.team_id = tm.id AND m.member) AS agents_count FROM teams tm) t""";

    private final DataSource dataSource;

    public TeamQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Page<Team> teams(String partner, ListParams params) throws SQLException {
        String sort = params.sortColumn("id", TEAM_SORT);
        ListQuery query = new ListQuery(TEAM_SOURCE, partner)
                .anyOfIds("id", params.ids("id"))
                .anyOfIds("parent_id", params.ids("parent_id"))
                .anyOf("name", params.strings("name"))
                .range("updated_at", params.from("updated_at"), params.to("updated_at"));
        try (Connection c = dataSource.getConnection()) {
            Page<BasicTeam> page = query.page(c, sort, params.sortDirection(), params.per, params.offset(),
                    DirectoryRefs::basicTeam);
            return page.with(withAssignees(c, partner, page.rows()));
        }
    }

    public Optional<Team> team(String partner, long id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Page<BasicTeam> page = new ListQuery(TEAM_SOURCE, partner).where("id = ?", id)
                    .page(c, "id", "ASC", 1, 0, DirectoryRefs::basicTeam);
            return withAssignees(c, partner, page.rows()).stream().findFirst();
        }
    }

    private static List<Team> withAssignees(Connection c, String partner, List<BasicTeam> teams) throws SQLException {
        if (teams.isEmpty()) {
            return List.of();
        }
        Map<Long, List<UserRef.UserReference>> assignees = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT m.team_id, a.id, a.name, a.first_name, a.last_name, a.agent_number, a.avatar_url
                  FROM team_members m JOIN agents a ON a.partner_id = m.partner_id AND a.id = m.agent_id
                 WHERE m.partner_id = ? AND m.member AND m.team_id = ANY(?) ORDER BY a.id""")) {
            Sql.bind(c, s, partner, new Sql.Longs(teams.stream().map(BasicTeam::id).toList()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    assignees.computeIfAbsent(rs.getLong("team_id"), k -> new ArrayList<>()).add(DirectoryRefs.userRef(rs));
                }
            }
        }
        List<Team> result = new ArrayList<>();
        for (BasicTeam t : teams) {
            result.add(new Team(t.id(), t.name(), t.parentId(), t.deleted(), t.agentsCount(),
                    assignees.getOrDefault(t.id(), List.of())));
        }
        return result;
    }

    public List<TeamNode> tree(String partner) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return DirectoryRefs.tree(DirectoryRefs.teams(c, partner).values(), BasicTeam::id, BasicTeam::parentId,
                    (t, children) -> new TeamNode(t.id(), t.name(), t.parentId(), t.deleted(), t.agentsCount(), children));
        }
    }
}
