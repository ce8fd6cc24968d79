package io.switchboard.reporting.jdbc;

import io.switchboard.consumer.positions.ArrayLiteral;
import io.switchboard.reporting.jdbc.Upsert.Merge;
import io.switchboard.reporting.jdbc.Upsert.Value;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The writes of one batch of events, made in the batch's transaction by {@link #flush}.
 *
 * <p>Every upsert of the same row is folded into one, exactly as applying them one after the other
 * would leave the row (later non-null {@code SET} wins, {@code OVERWRITE} wins even with null,
 * {@code EARLIEST}/{@code LATEST} keep the extreme, {@code ADD} sums). The folded rows of a table with
 * the same columns are then written as one {@code INSERT … SELECT … FROM unnest(…) ON CONFLICT DO UPDATE}
 * (a row appears at most once per statement, which PostgreSQL requires). Conditional statements
 * ({@link #statement}) touch columns or tables no upsert touches, so they run after the upserts (the
 * rows they update exist then), as JDBC batches in event order.
 */
public final class Writes {
    private static final int MAX_PARAMETERS = 30_000;
    /** Statements by shape: the same few dozen shapes come back in every batch. */
    private static final Map<String, ShapeStatement> STATEMENTS = new java.util.concurrent.ConcurrentHashMap<>();

    private final Connection connection;
    /** Folded rows per table and key, in first-write order. */
    private final Map<String, Map<List<Object>, Upsert>> rows = new LinkedHashMap<>();
    private final Map<String, List<Object[]>> statements = new LinkedHashMap<>();

    public Writes(Connection connection) {
        this.connection = connection;
    }

    void upsert(Upsert upsert) {
        Map<List<Object>, Upsert> table = rows.computeIfAbsent(upsert.table, t -> new LinkedHashMap<>());
        List<Object> key = upsert.keyValues();
        Upsert folded = table.get(key);
        if (folded == null) {
            table.put(key, upsert);
            return;
        }
        if (upsert.guard != null && (folded.guard == null
                || upsert.guard.replaces().test(folded.guarded(), upsert.guarded()))) {
            folded.guard = upsert.guard;
            upsert.guarded().forEach((column, value) -> folded.values.put(column, new Value(Merge.GUARDED, value)));
        }
        upsert.values.forEach((column, value) -> {
            if (value.merge() != Merge.GUARDED) {
                folded.values.merge(column, value, Writes::fold);
            }
        });
        folded.expressions.putAll(upsert.expressions);
    }

    /** The value after applying {@code first} then {@code then} to a row, as one value. */
    static Value fold(Value first, Value then) {
        return switch (then.merge()) {
            case OVERWRITE -> then;
            case SET -> then.value() == null ? first
                    : new Value(first.merge() == Merge.OVERWRITE ? Merge.OVERWRITE : Merge.SET, then.value());
            case GUARDED -> throw new IllegalStateException("guarded columns fold as a group");
            case EARLIEST, LATEST, ADD -> {
                if (first.merge() != then.merge()) {
                    throw new IllegalStateException("cannot fold " + first.merge() + " with " + then.merge());
                }
                yield new Value(then.merge(), extreme(then.merge(), first.value(), then.value()));
            }
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object extreme(Merge merge, Object a, Object b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (merge == Merge.ADD) {
            return ((Number) a).longValue() + ((Number) b).longValue();
        }
        int order = ((Comparable) a).compareTo(b);
        return merge == Merge.EARLIEST ? (order <= 0 ? a : b) : (order >= 0 ? a : b);
    }

    /** A statement run after the upserts, batched with the other executions of the same SQL, in call order. */
    public void statement(String sql, Object... params) {
        statements.computeIfAbsent(sql, s -> new ArrayList<>()).add(params);
    }

    /** Writes everything handed over since the last flush, in the caller's transaction. */
    public void flush() throws SQLException {
        for (Map<List<Object>, Upsert> table : rows.values()) {
            Map<String, List<Upsert>> byShape = new LinkedHashMap<>();
            for (Upsert row : table.values()) {
                byShape.computeIfAbsent(shape(row), s -> new ArrayList<>()).add(row);
            }
            for (Map.Entry<String, List<Upsert>> same : byShape.entrySet()) {
                writeRows(same.getKey(), same.getValue());
            }
        }
        for (Map.Entry<String, List<Object[]>> statement : statements.entrySet()) {
            try (PreparedStatement s = connection.prepareStatement(statement.getKey())) {
                for (Object[] params : statement.getValue()) {
                    Sql.bind(connection, s, params);
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
        rows.clear();
        statements.clear();
    }

    /** What makes two rows of a table writable by one statement: the same columns with the same merges. */
    private static String shape(Upsert row) {
        String[] columns = new String[row.values.size() + row.expressions.size()];
        int i = 0;
        for (Map.Entry<String, Value> value : row.values.entrySet()) {
            columns[i++] = value.getKey() + ':' + value.getValue().merge().ordinal();
        }
        for (Map.Entry<String, String> expression : row.expressions.entrySet()) {
            columns[i++] = expression.getKey() + '=' + expression.getValue();
        }
        java.util.Arrays.sort(columns);
        StringBuilder shape = new StringBuilder(row.table);
        for (String column : columns) {
            shape.append(',').append(column);
        }
        return row.guard == null ? shape.toString() : shape.append(" if ").append(row.guard.sql()).toString();
    }

    /**
     * Rows of one shape (same table, columns, merges) in one statement: each column of the rows is one
     * array parameter ({@link ArrayLiteral}), expanded by {@code unnest}. The SQL text depends only on
     * the shape, so it is built once per shape ({@link #STATEMENTS}) and the server plans it once per
     * connection, however many rows a batch has. A shape with an array-valued column (menus' teams,
     * agents' roles: rare) is written as multi-row VALUES.
     */
    private void writeRows(String shape, List<Upsert> same) throws SQLException {
        ShapeStatement statement = STATEMENTS.get(shape);
        if (statement == null) {
            statement = ShapeStatement.of(connection, same.get(0));
            STATEMENTS.put(shape, statement);
        }
        if (statement.sql() == null) {
            writeValues(same, statement);
            return;
        }
        Object[] params = new Object[statement.keyColumns().size() + statement.valueColumns().size()];
        int i = 0;
        for (String column : statement.keyColumns()) {
            params[i++] = keyLiteral(same, column);
        }
        for (String column : statement.valueColumns()) {
            params[i++] = valueLiteral(same, column);
        }
        Sql.update(connection, statement.sql(), params);
    }

    private static String keyLiteral(List<Upsert> rows, String column) {
        List<Object> values = new ArrayList<>(rows.size());
        for (Upsert row : rows) {
            values.add(row.keys.get(column));
        }
        return ArrayLiteral.of(values);
    }

    private static String valueLiteral(List<Upsert> rows, String column) {
        List<Object> values = new ArrayList<>(rows.size());
        for (Upsert row : rows) {
            values.add(row.values.get(column).value());
        }
        return ArrayLiteral.of(values);
    }

    /** The columns of one shape, and its unnest statement (null for a shape with an array column). */
    private record ShapeStatement(String table, List<String> keyColumns, List<String> valueColumns,
                                  Map<String, Value> merges, Map<String, String> expressions, String guard,
                                  String sql) {
        static ShapeStatement of(Connection connection, Upsert first) throws SQLException {
            List<String> keyColumns = List.copyOf(first.keys.keySet());
            List<String> valueColumns = List.copyOf(new TreeMap<>(first.values).keySet());
            Map<String, String> expressions = new TreeMap<>(first.expressions);
            Map<String, Value> merges = Map.copyOf(first.values);
            String guard = first.guard == null ? null : first.guard.sql().formatted(first.table);
            List<String> columns = new ArrayList<>(keyColumns);
            columns.addAll(valueColumns);
            StringJoiner arrays = new StringJoiner(", ");
            for (String column : columns) {
                String type = ColumnTypes.of(connection, first.table, column);
                if (type.startsWith("_")) { // an array column: unnest would flatten it
                    return new ShapeStatement(first.table, keyColumns, valueColumns, merges, expressions, guard, null);
                }
                arrays.add("?::" + type + "[]");
            }
            StringJoiner selected = new StringJoiner(", ");
            columns.forEach(selected::add);
            expressions.values().forEach(selected::add);
            String source = "SELECT " + selected + " FROM unnest(" + arrays + ") AS u(" + String.join(", ", columns) + ")";
            return new ShapeStatement(first.table, keyColumns, valueColumns, merges, expressions, guard,
                    insert(first.table, keyColumns, valueColumns, merges, expressions, guard, source));
        }
    }

    /** Multi-row VALUES statements of at most MAX_PARAMETERS parameters. */
    private void writeValues(List<Upsert> same, ShapeStatement shape) throws SQLException {
        List<String> keyColumns = shape.keyColumns(), valueColumns = shape.valueColumns();
        Map<String, String> expressions = shape.expressions();
        int perRow = Math.max(1, keyColumns.size() + valueColumns.size());
        int rowsPerStatement = Math.max(1, MAX_PARAMETERS / perRow);
        for (int from = 0; from < same.size(); from += rowsPerStatement) {
            List<Upsert> chunk = same.subList(from, Math.min(same.size(), from + rowsPerStatement));
            StringJoiner marks = new StringJoiner(", ", "(", ")");
            keyColumns.forEach(column -> marks.add("?"));
            valueColumns.forEach(column -> marks.add("?"));
            expressions.values().forEach(marks::add);
            StringJoiner rows = new StringJoiner(", ", "VALUES ", "");
            chunk.forEach(row -> rows.add(marks.toString()));
            List<Object> params = new ArrayList<>(chunk.size() * perRow);
            for (Upsert row : chunk) {
                params.addAll(row.keys.values());
                for (String column : valueColumns) {
                    params.add(row.values.get(column).value());
                }
            }
            Sql.update(connection, insert(shape.table(), keyColumns, valueColumns, shape.merges(), expressions,
                    shape.guard(), rows.toString()), params.toArray());
        }
    }

    /** {@code INSERT INTO table (keys, values, expression columns) <source> ON CONFLICT …} */
    private static String insert(String table, List<String> keyColumns, List<String> valueColumns,
                                 Map<String, Value> merges, Map<String, String> expressions, String guard,
                                 String source) {
        StringJoiner columns = new StringJoiner(", ");
        keyColumns.forEach(columns::add);
        valueColumns.forEach(columns::add);
        expressions.keySet().forEach(columns::add);
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (").append(columns)
                .append(") ").append(source);
        sql.append(" ON CONFLICT (").append(String.join(", ", keyColumns)).append(")");
        if (valueColumns.isEmpty() && expressions.isEmpty()) {
            sql.append(" DO NOTHING");
        } else {
            StringJoiner sets = new StringJoiner(", ");
            valueColumns.forEach(column -> sets.add(column + " = " + merges.get(column).merge().sql.formatted(column, table, guard)));
            expressions.forEach((column, expression) -> sets.add(column + " = " + expression));
            sql.append(" DO UPDATE SET ").append(sets);
        }
        return sql.toString();
    }
}
