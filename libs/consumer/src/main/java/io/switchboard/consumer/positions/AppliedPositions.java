package io.switchboard.consumer.positions;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.EventEnvelope;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The one deduplication scheme of every read model: per stream (partner, aggregate type, aggregate id of
 * the envelope) the set of applied positions (the envelope's {@code sequence}) as one int8multirange in
 * {@code consumer_applied_streams}, keyed also by the read model's name. Recorded in the effect's own
 * transaction: ONE statement adds a batch's positions to every stream it touches and returns the streams
 * whose stored set already held one of them; only the events never applied before (a position repeated
 * within the batch counts once) go on to the effect. Exact for any arrival order (a gap stays a gap until
 * its event arrives) at one row per aggregate. Positions are unique per stream because the event store
 * appends each (stream, version) once.
 *
 * <p>Two flavours of the same statement: JDBC ({@link #record(Connection, List)}, reporting's batches)
 * and the reactive client ({@link #record(SqlClient, List)}, {@link #applyOnce}).
 */
public final class AppliedPositions {
    /*
     * Every sub-statement of one statement sees the same snapshot, so "seen" reads the sets as they were
     * before "recorded" adds the batch. The parameters are array literals bound as text (the same text for
     * both drivers) and cast on the server.
     */
    static final String RECORD = """
            WITH batch AS (
                SELECT $1::text AS read_model, b.*
                  FROM unnest($2::text::text[], $3::text::text[], $4::text::text[], $5::text::int8multirange[])
                       AS b(partner_id, aggregate_type, aggregate_id, sequences)
            ), seen AS (
                SELECT a.partner_id, a.aggregate_type, a.aggregate_id, a.sequences
                  FROM batch b
                  JOIN consumer_applied_streams a USING (read_model, partner_id, aggregate_type, aggregate_id)
                 WHERE a.sequences && b.sequences
            ), recorded AS (
                INSERT INTO consumer_applied_streams (read_model, partner_id, aggregate_type, aggregate_id, sequences)
                SELECT * FROM batch
                ON CONFLICT (read_model, partner_id, aggregate_type, aggregate_id) DO UPDATE
                   SET sequences = consumer_applied_streams.sequences + EXCLUDED.sequences
            )
            SELECT partner_id, aggregate_type, aggregate_id, sequences::text FROM seen""";
    static final String RECORD_JDBC = RECORD.replaceAll("\\$\\d+", "?");

    /** Forgets every position of a read model (its tables are being rebuilt from the topics). */
    public static final String FORGET = "DELETE FROM consumer_applied_streams WHERE read_model = ?";

    private final String readModel;

    public AppliedPositions(String readModel) {
        if (readModel == null || readModel.isBlank()) {
            throw new IllegalArgumentException("a read model needs a name");
        }
        this.readModel = readModel;
    }

    public String readModel() {
        return readModel;
    }

    /**
     * Records the batch's positions in the caller's transaction.
     *
     * @return the events of the batch not applied before, in batch order, each position once
     */
    public List<EventEnvelope> record(Connection c, List<EventEnvelope> batch) throws SQLException {
        Prepared prepared = prepare(batch);
        if (prepared.distinct.isEmpty()) {
            return prepared.distinct;
        }
        Map<Stream, Multirange> seen = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(RECORD_JDBC)) {
            String[] parameters = prepared.parameters(readModel);
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    seen.put(new Stream(rs.getString(1), rs.getString(2), rs.getString(3)), Multirange.parse(rs.getString(4)));
                }
            }
        }
        return prepared.unseen(seen);
    }

    /** The reactive flavour of {@link #record(Connection, List)}: {@code transaction} must be a connection inside a transaction. */
    public Uni<List<EventEnvelope>> record(SqlClient transaction, List<EventEnvelope> batch) {
        Prepared prepared = prepare(batch);
        if (prepared.distinct.isEmpty()) {
            return Uni.createFrom().item(prepared.distinct);
        }
        return transaction.preparedQuery(RECORD).execute(Tuple.from(prepared.parameters(readModel))).map(rows -> {
            Map<Stream, Multirange> seen = new LinkedHashMap<>();
            for (Row row : rows) {
                seen.put(new Stream(row.getString(0), row.getString(1), row.getString(2)), Multirange.parse(row.getString(3)));
            }
            return prepared.unseen(seen);
        });
    }

    /** Records one event's position in the caller's transaction; true if it was not applied before. */
    public Uni<Boolean> record(SqlClient transaction, EventEnvelope event) {
        return record(transaction, List.of(event)).map(fresh -> !fresh.isEmpty());
    }

    /**
     * Applies {@code effect} to the event once: in ONE transaction of {@code pool}, records the event's
     * position and, only if it was not applied before, runs the effect on the same connection. Both commit
     * or neither does.
     *
     * @return true if the effect ran now, false if the event had been applied before
     */
    public Uni<Boolean> applyOnce(Pool pool, EventEnvelope event,
                                  BiFunction<SqlConnection, EventEnvelope, Uni<?>> effect) {
        return pool.withTransaction(tx -> record(tx, event).chain(fresh -> fresh
                ? effect.apply(tx, event).replaceWith(Boolean.TRUE)
                : Uni.createFrom().item(Boolean.FALSE)));
    }

    private static Prepared prepare(List<EventEnvelope> batch) {
        Map<Stream, TreeSet<Long>> positions = new LinkedHashMap<>();
        List<EventEnvelope> distinct = new ArrayList<>(batch.size());
        for (EventEnvelope e : batch) {
            Stream stream = Stream.of(e);
            if (positions.computeIfAbsent(stream, s -> new TreeSet<>()).add(e.sequence())) {
                distinct.add(e);
            }
        }
        return new Prepared(distinct, positions);
    }

    private record Prepared(List<EventEnvelope> distinct, Map<Stream, TreeSet<Long>> positions) {
        String[] parameters(String readModel) {
            int n = positions.size();
            List<Object> partners = new ArrayList<>(n), types = new ArrayList<>(n), ids = new ArrayList<>(n),
                    sets = new ArrayList<>(n);
            for (Map.Entry<Stream, TreeSet<Long>> stream : positions.entrySet()) {
                partners.add(stream.getKey().partnerId());
                types.add(stream.getKey().aggregateType());
                ids.add(stream.getKey().aggregateId());
                sets.add(Multirange.of(stream.getValue()));
            }
            return new String[] {readModel, ArrayLiteral.of(partners), ArrayLiteral.of(types), ArrayLiteral.of(ids),
                    ArrayLiteral.of(sets)};
        }

        List<EventEnvelope> unseen(Map<Stream, Multirange> seen) {
            if (seen.isEmpty()) {
                return distinct;
            }
            List<EventEnvelope> fresh = new ArrayList<>(distinct.size());
            for (EventEnvelope e : distinct) {
                Multirange before = seen.get(Stream.of(e));
                if (before == null || !before.contains(e.sequence())) {
                    fresh.add(e);
                }
            }
            return fresh;
        }
    }

    /** A stream's identity; the hash is computed once, as every event of a batch looks its stream up twice. */
    private record Stream(String partnerId, String aggregateType, String aggregateId, int hash) {
        Stream(String partnerId, String aggregateType, String aggregateId) {
            this(partnerId, aggregateType, aggregateId,
                    (partnerId.hashCode() * 31 + aggregateType.hashCode()) * 31 + aggregateId.hashCode());
        }

        static Stream of(EventEnvelope e) {
            return new Stream(e.partnerId(), e.aggregateType(), e.aggregateId());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Stream s && s.hash == hash && s.aggregateId.equals(aggregateId)
                    && s.aggregateType.equals(aggregateType) && s.partnerId.equals(partnerId);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
