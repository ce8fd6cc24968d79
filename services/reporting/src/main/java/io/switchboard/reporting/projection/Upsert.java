package io.switchboard.reporting.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Builds one {@code INSERT … ON CONFLICT DO UPDATE} that writes only the columns an event knows.
 * A null never overwrites a known value, {@link #earliest}/{@link #latest} keep the extreme of all
 * values seen and {@code updated_at} only moves forward: so the row ends up the same whatever order
 * the events of different aggregates were applied in.
 */
final class Upsert {
    private final String table;
    private final Map<String, Object> keys = new LinkedHashMap<>();
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> merges = new LinkedHashMap<>();
    private final Map<String, String> expressions = new LinkedHashMap<>();

    private Upsert(String table) {
        this.table = table;
    }

    static Upsert into(String table) {
        return new Upsert(table);
    }

    Upsert key(String column, Object value) {
        keys.put(column, value);
        return this;
    }

    /** Sets the column unless the value is null. */
    Upsert set(String column, Object value) {
        return merge(column, value, "COALESCE(EXCLUDED.%1$s, %2$s.%1$s)");
    }

    /** Sets the column even to null (for values whose absence is itself a fact). */
    Upsert overwrite(String column, Object value) {
        return merge(column, value, "EXCLUDED.%1$s");
    }

    Upsert earliest(String column, Object value) {
        return merge(column, value, "LEAST(EXCLUDED.%1$s, %2$s.%1$s)");
    }

    Upsert latest(String column, Object value) {
        return merge(column, value, "GREATEST(EXCLUDED.%1$s, %2$s.%1$s)");
    }

    /** Inserts {@code value}; on conflict evaluates {@code expression} (may use {@code %1$s} = column, {@code %2$s} = table). */
    Upsert merge(String column, Object value, String expression) {
        values.put(column, value);
        merges.put(column, expression.formatted(column, table));
        return this;
    }

    /** Sets the column to an SQL expression (no parameters) both on insert and on update. */
    Upsert expression(String column, String sql) {
        expressions.put(column, sql);
        return this;
    }

    int run(Connection connection) throws SQLException {
        List<Object> params = new ArrayList<>();
        StringJoiner columns = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        for (Map.Entry<String, Object> e : keys.entrySet()) {
            columns.add(e.getKey());
            marks.add("?");
            params.add(e.getValue());
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            columns.add(e.getKey());
            marks.add("?");
            params.add(e.getValue());
        }
        expressions.forEach((column, expression) -> {
            columns.add(column);
            marks.add(expression);
        });
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table)
                .append(" (").append(columns).append(") VALUES (").append(marks).append(") ON CONFLICT (")
                .append(String.join(", ", keys.keySet())).append(")");
        if (merges.isEmpty() && expressions.isEmpty()) {
            sql.append(" DO NOTHING");
        } else {
            StringJoiner sets = new StringJoiner(", ");
            merges.forEach((column, expression) -> sets.add(column + " = " + expression));
            expressions.forEach((column, expression) -> sets.add(column + " = " + expression));
            sql.append(" DO UPDATE SET ").append(sets);
        }
        return Sql.update(connection, sql.toString(), params.toArray());
    }
}
