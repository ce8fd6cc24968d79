package io.switchboard.reporting.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row's {@code INSERT … ON CONFLICT DO UPDATE} that writes only the columns an event knows.
 * A null never overwrites a known value, {@link #earliest}/{@link #latest} keep the extreme of all
 * values seen and {@code updated_at} only moves forward: so the row ends up the same whatever order
 * the events of different aggregates were applied in. {@link #run} hands it to the batch's
 * {@link Writes}, which folds every upsert of one row within a batch into one (see {@link Merge}) and
 * writes the rows of a table as multi-row statements.
 */
public final class Upsert {
    /** How a column's new value combines with the stored one (and with earlier values of the same batch). */
    enum Merge {
        /** {@code COALESCE(new, old)}: a null never overwrites. */
        SET("COALESCE(EXCLUDED.%1$s, %2$s.%1$s)"),
        /** {@code new}, even null: for values whose absence is itself a fact. */
        OVERWRITE("EXCLUDED.%1$s"),
        EARLIEST("LEAST(EXCLUDED.%1$s, %2$s.%1$s)"),
        LATEST("GREATEST(EXCLUDED.%1$s, %2$s.%1$s)"),
        /** A counter: the value is added to the stored one. */
        ADD("%2$s.%1$s + EXCLUDED.%1$s"),
        /** One of a group of columns replaced together when the {@link Guard} says the new values are newer. */
        GUARDED("CASE WHEN %3$s THEN EXCLUDED.%1$s ELSE %2$s.%1$s END");

        final String sql;

        Merge(String sql) {
            this.sql = sql;
        }
    }

    record Value(Merge merge, Object value) {
    }

    /**
     * When a group of columns (e.g. a status and the time it changed) is replaced: {@code sql} decides it
     * against the stored row ({@code %1$s} = the table, {@code EXCLUDED} = the new values), and
     * {@code replaces(stored, incoming)} decides it the same way in Java, for folding a batch.
     */
    public record Guard(String sql, java.util.function.BiPredicate<Map<String, Object>, Map<String, Object>> replaces) {
    }

    final String table;
    final Map<String, Object> keys = new LinkedHashMap<>();
    final Map<String, Value> values = new LinkedHashMap<>();
    final Map<String, String> expressions = new LinkedHashMap<>();
    Guard guard;

    private Upsert(String table) {
        this.table = table;
    }

    public static Upsert into(String table) {
        return new Upsert(table);
    }

    public Upsert key(String column, Object value) {
        keys.put(column, value);
        return this;
    }

    /** Sets the column unless the value is null. */
    public Upsert set(String column, Object value) {
        return merge(column, value, Merge.SET);
    }

    /** Sets the column even to null (for values whose absence is itself a fact). */
    public Upsert overwrite(String column, Object value) {
        return merge(column, value, Merge.OVERWRITE);
    }

    public Upsert earliest(String column, Object value) {
        return merge(column, value, Merge.EARLIEST);
    }

    public Upsert latest(String column, Object value) {
        return merge(column, value, Merge.LATEST);
    }

    /** Adds {@code amount} to the column (inserted as {@code amount}). */
    public Upsert add(String column, long amount) {
        return merge(column, amount, Merge.ADD);
    }

    Upsert merge(String column, Object value, Merge merge) {
        values.put(column, new Value(merge, value));
        return this;
    }

    /** Replaces the columns together, only if {@code guard} says they are newer than the stored ones. */
    public Upsert newest(Guard guard, Map<String, Object> columns) {
        this.guard = guard;
        columns.forEach((column, value) -> merge(column, value, Merge.GUARDED));
        return this;
    }

    Map<String, Object> guarded() {
        Map<String, Object> guarded = new LinkedHashMap<>();
        values.forEach((column, value) -> {
            if (value.merge() == Merge.GUARDED) {
                guarded.put(column, value.value());
            }
        });
        return guarded;
    }

    /** Sets the column to an SQL expression (no parameters) both on insert and on update. */
    public Upsert expression(String column, String sql) {
        expressions.put(column, sql);
        return this;
    }

    public void run(Writes writes) {
        writes.upsert(this);
    }

    List<Object> keyValues() {
        return java.util.Arrays.asList(keys.values().toArray());
    }
}
