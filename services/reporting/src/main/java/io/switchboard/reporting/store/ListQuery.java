package io.switchboard.reporting.store;

import io.switchboard.reporting.projection.Sql;

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

    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public record Page<T>(List<T> rows, long total) {
    }

    public <T> Page<T> page(Connection c, String orderBy, String direction, int limit, long offset,
                            RowMapper<T> mapper) throws SQLException {
        String where = " WHERE " + String.join(" AND ", conditions);
        long total;
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM " + source + where)) {
            Sql.bind(c, s, params.toArray());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        // The id breaks ties, so pages neither skip nor repeat rows with equal sort values.
        String sql = "SELECT * FROM " + source + where + " ORDER BY " + orderBy + " " + direction + " NULLS LAST, id "
                + direction + " LIMIT ? OFFSET ?";
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
