package io.switchboard.bench.load;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the events a run caused where they are written: the rows of the run's partners in the
 * {@code event_store} of every service that writes events (chat, interaction, media, redaction), read
 * with each service's own database role. The partners are the run's own, so other traffic on the stack
 * does not count; heartbeats belong to the partner {@code _system} and never do. Rows are counted above
 * the newest position at construction, so a count is cheap however large the table is.
 */
public final class EventCounter implements AutoCloseable {
    /** The services whose databases hold an event store. */
    public static final List<String> DATABASES = List.of("chat", "interaction", "media", "redaction");
    private final Stack stack;
    private final List<String> partnerIds;
    private final Map<String, Long> base = new LinkedHashMap<>();
    private final Map<String, Connection> connections = new LinkedHashMap<>();

    /** A count at one moment: rows per database, and when it was read. */
    public record Counts(Map<String, Long> perDatabase, long readNanos, Instant readAt) {
        public long total() {
            return perDatabase.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public EventCounter(Stack stack, List<String> partnerIds) {
        this.stack = stack;
        this.partnerIds = List.copyOf(partnerIds);
        for (String db : DATABASES) {
            try (PreparedStatement max = connection(db).prepareStatement("SELECT coalesce(max(global_position), 0) FROM event_store");
                 ResultSet rs = max.executeQuery()) {
                rs.next();
                base.put(db, rs.getLong(1));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the event store of " + db + ": " + e.getMessage(), e);
            }
        }
    }

    /** The run's events so far (since this counter was made). */
    public Counts count() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String db : DATABASES) {
            counts.put(db, query(db, "SELECT count(*) FROM event_store WHERE global_position > ? AND partner_id = ANY(?)",
                    rs -> rs.next() ? rs.getLong(1) : 0L));
        }
        return new Counts(counts, System.nanoTime(), Instant.now());
    }

    /** The run's events so far by type, e.g. {@code interaction/CallConnected → 812}. */
    public Map<String, Long> countByType() {
        Map<String, Long> counts = new TreeMap<>();
        for (String db : DATABASES) {
            query(db, "SELECT event_type, count(*) FROM event_store WHERE global_position > ? AND partner_id = ANY(?) GROUP BY event_type",
                    rs -> {
                        while (rs.next()) {
                            counts.put(db + "/" + rs.getString(1), rs.getLong(2));
                        }
                        return null;
                    });
        }
        return counts;
    }

    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String db, String sql, Reader<T> reader) {
        SQLException last = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Connection c = connection(db);
                try (PreparedStatement statement = c.prepareStatement(sql)) {
                    statement.setLong(1, base.get(db));
                    Array partners = c.createArrayOf("text", partnerIds.toArray());
                    statement.setArray(2, partners);
                    try (ResultSet rs = statement.executeQuery()) {
                        return reader.read(rs);
                    }
                }
            } catch (SQLException e) {
                last = e;
                closeQuietly(connections.remove(db)); // e.g. PostgreSQL restarted: connect again once
            }
        }
        throw new IllegalStateException("cannot count the events in " + db + ": " + last.getMessage(), last);
    }

    private synchronized Connection connection(String db) throws SQLException {
        Connection c = connections.get(db);
        if (c == null || c.isClosed()) {
            c = DriverManager.getConnection(stack.jdbcUrl(db), db, stack.databasePassword(db));
            connections.put(db, c);
        }
        return c;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // it is being replaced
            }
        }
    }

    @Override
    public synchronized void close() {
        connections.values().forEach(EventCounter::closeQuietly);
        connections.clear();
    }
}
