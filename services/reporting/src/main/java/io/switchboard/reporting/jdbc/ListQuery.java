package io.switchboard.reporting.jdbc;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One partner-scoped list query with filters, a sort and a page, plus the total of matching rows.
 * Column names come from the callers' whitelists only; values are always bound parameters.
 */
public final class ListQuery {
    private final String source;
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    /** {@code source} is a table or a sub-select aliased {@code t}; it must have a partner_id column. */
    public ListQuery(String source, String partnerId) {
        this.source = source;
        where("partner_id = ?", partnerId);
    }

    public ListQuery where(String condition, Object... values) {
        conditions.add(condition);
        params.addAll(List.of(values));
        return this;
    }

    public ListQuery range(String column, Instant from, Instant to) {
        if (from != null) {
            where(column + " >= ?", from);
        }
        if (to != null) {
            where(column + " <= ?", to);
        }
        return this;
    }

    public ListQuery anyOfIds(String column, List<Long> ids) {
        return ids.isEmpty() ? this : where(column + " = ANY(?)", new Sql.Longs(ids));
    }

    public ListQuery anyOf(String column, List<String> values) {
        return values.isEmpty() ? this : where(column + " = ANY(?)", values);
    }

    /** Rows whose agent column names a current member of one of the teams. */
    public ListQuery inTeams(String agentColumn, List<Long> teamIds) {
        return teamIds.isEmpty() ? this : where(agentColumn + " IN (SELECT m.agent_id FROM team_members m"
                + " WHERE m.partner_id = t.partner_id AND m.member AND m.team_id = ANY(?))", new Sql.Longs(teamIds));
    }

    /** User-status names compared as {@code UserStatuses} matches them: ignoring case, spaces, - and _. */
    public ListQuery anyOfStatusNames(String column, List<String> names) {
        return names.isEmpty() ? this : where("lower(regexp_replace(" + column + ", '[[:space:]_-]', '', 'g')) = ANY(?)",
                names.stream().map(n -> n.toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s_-]", "")).toList());
    }

    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Tailing: only rows changed after the cursor, in change order (the sort parameters do not apply). */
    public <T> Page<T> tail(Connection c, long cursor, int limit, RowMapper<T> mapper,
                            java.util.function.ToLongFunction<T> changeOf) throws SQLException {
        where("change_seq > ?", cursor);
        Page<T> page = pageOrdered(c, "change_seq ASC", limit, 0, mapper);
        long next = page.rows().stream().mapToLong(changeOf).max().orElse(cursor);
        return new Page<>(page.rows(), page.total(), next);
    }

    /**
     * The page the list parameters ask for: the rows changed after the cursor when they carry one
     * (tailing; {@code changeOf} reads a row's change sequence), else sorted by {@code orderBy}.
     */
    public <T> Page<T> page(Connection c, ListParams params, String orderBy, RowMapper<T> mapper,
                            java.util.function.ToLongFunction<T> changeOf) throws SQLException {
        return params.cursor != null ? tail(c, params.cursor, params.per, mapper, changeOf)
                : page(c, orderBy, params.sortDirection(), params.per, params.offset(), mapper);
    }

    /** The page the list parameters ask for, sorted by {@code orderBy}, on a connection of its own. */
    public <T> Page<T> page(DataSource dataSource, String orderBy, ListParams params,
                            RowMapper<T> mapper) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return page(c, orderBy, params.sortDirection(), params.per, params.offset(), mapper);
        }
    }

    public <T> Page<T> page(Connection c, String orderBy, String direction, int limit, long offset,
                            RowMapper<T> mapper) throws SQLException {
        // The id breaks ties, so pages neither skip nor repeat rows with equal sort values.
        return pageOrdered(c, orderBy + " " + direction + " NULLS LAST, id " + direction, limit, offset, mapper);
    }

    private <T> Page<T> pageOrdered(Connection c, String orderBy, int limit, long offset, RowMapper<T> mapper)
            throws SQLException {
        String where = " WHERE " + String.join(" AND ", conditions);
        long total;
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + source + where)) {
            Sql.bind(c, s, params.toArray());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        String sql = "SELECT * FROM " + source + where + " ORDER BY " + orderBy + " LIMIT ? OFFSET ?";
        List<Object> all = new ArrayList<>(params);
        all.add(limit);
        all.add(offset);
        List<T> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            Sql.bind(c, s, all.toArray());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
        }
        return new Page<>(rows, total);
    }
}
