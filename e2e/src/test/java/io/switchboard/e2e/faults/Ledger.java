package io.switchboard.e2e.faults;

import io.switchboard.e2e.stack.LocalStack;
import io.switchboard.events.EventCodec;
import io.switchboard.events.EventEnvelope;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Reads both sides of the pipeline straight from PostgreSQL, with each service's own role: the events of
 * the load's partners in the event stores of chat, interaction, media and redaction (decoded as the
 * consumers decode them), and the positions each read model recorded as applied
 * ({@code consumer_applied_streams}, libs/consumer) — so "every event applied once in every read model
 * that applies it" is checked against the record of truth, not against what a service says about itself.
 * Every query reconnects once if its connection broke (PostgreSQL killed and back); during an outage it
 * throws.
 */
final class Ledger implements AutoCloseable {
    /** The services with an event store (reporting writes none). */
    static final List<String> EVENT_STORES = List.of("chat", "interaction", "media", "redaction");

    private final String[] partners;
    private final Map<String, Connection> connections = new HashMap<>();
    private final EventCodec codec = EventCodec.standard();

    /** A stream as the read models key it: partner, aggregate type and id of the envelope. */
    record Stream(String partnerId, String aggregateType, String aggregateId) {
    }

    /**
     * One stored event of the load's partners.
     *
     * @param store      the service whose event store holds it
     * @param position   its {@code global_position} there
     * @param sequence   its position in its stream (the envelope's sequence, what the read models record)
     * @param causation  the event that caused it (a read model's effect that appends events names the event it
     *                   applied), or null for a command's events
     * @param readModels the read models that apply it
     */
    record Stored(String store, long position, UUID eventId, Stream stream, long sequence, String type, UUID causation,
                  List<ReadModel> readModels) {
    }

    /** Applied positions per read model and stream, as half-open ranges [from, to). */
    record Applied(Map<ReadModel, Map<Stream, List<long[]>>> ranges) {
        boolean contains(ReadModel model, Stream stream, long sequence) {
            List<long[]> list = ranges.getOrDefault(model, Map.of()).get(stream);
            if (list != null) {
                for (long[] range : list) {
                    if (sequence >= range[0] && sequence < range[1]) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    Ledger(List<String> partnerIds) {
        this.partners = partnerIds.toArray(String[]::new);
    }

    /** The newest {@code global_position} of every event store (all partners), e.g. a segment's boundary. */
    Map<String, Long> heads() throws SQLException {
        Map<String, Long> heads = new LinkedHashMap<>();
        for (String store : EVENT_STORES) {
            heads.put(store, query(store, "SELECT coalesce(max(global_position), 0) FROM event_store", s -> {
            }, rs -> rs.next() ? rs.getLong(1) : 0L));
        }
        return heads;
    }

    /** The load's events with a position in (after, upTo] per store (upTo null: no bound), in position order per store. */
    List<Stored> events(Map<String, Long> after, Map<String, Long> upTo) throws SQLException {
        List<Stored> events = new ArrayList<>();
        for (String store : EVENT_STORES) {
            long from = after.getOrDefault(store, 0L);
            long to = upTo == null ? Long.MAX_VALUE : upTo.get(store);
            query(store, "SELECT global_position, payload::text FROM event_store WHERE global_position > ? AND global_position <= ?"
                    + " AND partner_id = ANY(?) ORDER BY global_position", s -> {
                s.setLong(1, from);
                s.setLong(2, to);
                s.setArray(3, s.getConnection().createArrayOf("text", partners));
                s.setFetchSize(5000);
            }, rs -> {
                while (rs.next()) {
                    EventEnvelope e = codec.decode(rs.getString(2).getBytes(StandardCharsets.UTF_8));
                    List<ReadModel> models = new ArrayList<>(2);
                    for (ReadModel model : ReadModel.values()) {
                        if (model.applies(store, e.data())) {
                            models.add(model);
                        }
                    }
                    events.add(new Stored(store, rs.getLong(1), e.eventId(),
                            new Stream(e.partnerId(), e.aggregateType(), e.aggregateId()), e.sequence(), e.type(), e.causationId(),
                            List.copyOf(models)));
                }
                return null;
            });
        }
        return events;
    }

    /** Every position every read model recorded as applied for the load's partners. */
    Applied applied() throws SQLException {
        Map<ReadModel, Map<Stream, List<long[]>>> all = new EnumMap<>(ReadModel.class);
        for (ReadModel model : ReadModel.values()) {
            Map<Stream, List<long[]>> streams = new HashMap<>();
            query(model.database, "SELECT partner_id, aggregate_type, aggregate_id, lower(r), upper(r)"
                    + " FROM consumer_applied_streams, unnest(sequences) AS r WHERE read_model = ? AND partner_id = ANY(?)", s -> {
                s.setString(1, model.name);
                s.setArray(2, s.getConnection().createArrayOf("text", partners));
                s.setFetchSize(5000);
            }, rs -> {
                while (rs.next()) {
                    streams.computeIfAbsent(new Stream(rs.getString(1), rs.getString(2), rs.getString(3)), k -> new ArrayList<>(1))
                            .add(new long[]{rs.getLong(4), rs.getLong(5)});
                }
                return null;
            });
            all.put(model, streams);
        }
        return new Applied(all);
    }

    /** Messages counted per chat by reporting's chat projection (an effect that adds one per {@code MessageSent}), by chat id. */
    Map<Long, Integer> reportedMessageCounts() throws SQLException {
        Map<Long, Integer> counts = new HashMap<>();
        query("reporting", "SELECT id, message_count FROM chats WHERE partner_id = ANY(?)", s -> {
            s.setArray(1, s.getConnection().createArrayOf("text", partners));
            s.setFetchSize(5000);
        }, rs -> {
            while (rs.next()) {
                counts.put(rs.getLong(1), rs.getInt(2));
            }
            return null;
        });
        return counts;
    }

    /** Records parked as undecodable, per database holding read models (all consumers, all partners: the table has no partner). */
    Map<String, Long> deadLetters() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String db : ReadModel.databases().stream().sorted().toList()) {
            counts.put(db, query(db, "SELECT count(*) FROM consumer_dead_letters", s -> {
            }, rs -> rs.next() ? rs.getLong(1) : 0L));
        }
        return counts;
    }

    /** Like {@link #missing}, counted per read model and event store, e.g. {@code reporting<-chat → 12}. */
    static Map<String, Long> missingByReadModel(List<Stored> events, Applied applied) {
        Map<String, Long> missing = new java.util.TreeMap<>();
        for (Stored e : events) {
            for (ReadModel model : e.readModels()) {
                if (!applied.contains(model, e.stream(), e.sequence())) {
                    missing.merge(model.name + "<-" + e.store(), 1L, Long::sum);
                }
            }
        }
        return missing;
    }

    /** (event, read model) pairs of {@code events} that the read model applies but has not recorded. */
    static long missing(List<Stored> events, Applied applied) {
        long missing = 0;
        for (Stored e : events) {
            for (ReadModel model : e.readModels()) {
                if (!applied.contains(model, e.stream(), e.sequence())) {
                    missing++;
                }
            }
        }
        return missing;
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String db, String sql, Binder binder, Reader<T> reader) throws SQLException {
        SQLException last = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Connection c = connection(db);
                try (PreparedStatement statement = c.prepareStatement(sql)) {
                    binder.bind(statement);
                    try (ResultSet rs = statement.executeQuery()) {
                        return reader.read(rs);
                    }
                } finally {
                    c.commit();
                }
            } catch (SQLException e) {
                last = e;
                close(connections.remove(db));
            }
        }
        throw last;
    }

    private Connection connection(String db) throws SQLException {
        Connection c = connections.get(db);
        if (c == null) {
            c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + LocalStack.PG_PORT + "/" + db
                            + "?connectTimeout=5&socketTimeout=60", db,
                    LocalStack.secret("SWITCHBOARD_" + db.toUpperCase(Locale.ROOT) + "_DB_PASSWORD"));
            c.setAutoCommit(false); // a fetch size only streams inside a transaction
            c.setReadOnly(true);
            connections.put(db, c);
        }
        return c;
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // it is being replaced
            }
        }
    }

    @Override
    public void close() {
        connections.values().forEach(Ledger::close);
        connections.clear();
    }
}
