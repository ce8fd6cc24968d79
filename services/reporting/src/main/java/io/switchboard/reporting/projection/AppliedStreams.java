package io.switchboard.reporting.projection;

import io.switchboard.events.EventEnvelope;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Records which events a batch applies, in the batch's transaction, and keeps out those applied before:
 * per stream, the set of applied positions ({@code applied_streams.sequences}, an int8multirange). One
 * statement adds the batch's positions to every stream and returns the streams whose stored set already
 * held one of them; only those events are dropped. Exact whatever the arrival order (a gap stays a
 * gap until its event arrives), and a redelivery, in a later batch or twice in one, is applied once.
 */
final class AppliedStreams {
    private static final String RECORD = """
            WITH batch AS (
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::int8multirange[], ?::timestamptz[])
                    AS b(partner_id, aggregate_type, aggregate_id, sequences, newest_at)
            ), seen AS (
                SELECT a.partner_id, a.aggregate_type, a.aggregate_id, a.sequences
                  FROM batch b
                  JOIN applied_streams a USING (partner_id, aggregate_type, aggregate_id)
                 WHERE a.sequences && b.sequences
            ), recorded AS (
                INSERT INTO applied_streams (partner_id, aggregate_type, aggregate_id, sequences, newest_at)
                SELECT * FROM batch
                ON CONFLICT (partner_id, aggregate_type, aggregate_id) DO UPDATE
                   SET sequences = applied_streams.sequences + EXCLUDED.sequences,
                       newest_at = GREATEST(applied_streams.newest_at, EXCLUDED.newest_at)
            )
            SELECT partner_id, aggregate_type, aggregate_id, sequences::text FROM seen""";

    private AppliedStreams() {
    }

    /** @return the events of the batch not applied before, in batch order, each position once */
    static List<EventEnvelope> record(Connection c, List<EventEnvelope> batch) throws SQLException {
        Map<Stream, TreeSet<Long>> positions = new LinkedHashMap<>();
        Map<Stream, Instant> newest = new LinkedHashMap<>();
        List<EventEnvelope> distinct = distinct(batch, positions, newest);
        if (distinct.isEmpty()) {
            return distinct;
        }
        Map<Stream, Multirange> seen = store(c, positions, newest);
        return seen.isEmpty() ? distinct : unseen(distinct, seen);
    }

    /** The batch without repeated positions; fills each stream's positions and newest event time. */
    private static List<EventEnvelope> distinct(List<EventEnvelope> batch, Map<Stream, TreeSet<Long>> positions,
                                                Map<Stream, Instant> newest) {
        List<EventEnvelope> distinct = new ArrayList<>(batch.size());
        for (EventEnvelope e : batch) {
            Stream stream = new Stream(e.partnerId(), e.aggregateType(), e.aggregateId());
            if (positions.computeIfAbsent(stream, s -> new TreeSet<>()).add(e.sequence())) {
                distinct.add(e);
                Instant before = newest.get(stream);
                if (before == null || e.occurredAt().isAfter(before)) {
                    newest.put(stream, e.occurredAt());
                }
            }
        }
        return distinct;
    }

    /** Adds the positions to the streams; returns the streams that already held some of them, with their set before. */
    private static Map<Stream, Multirange> store(Connection c, Map<Stream, TreeSet<Long>> positions,
                                                 Map<Stream, Instant> newest) throws SQLException {
        int n = positions.size();
        List<Object> partners = new ArrayList<>(n), types = new ArrayList<>(n), ids = new ArrayList<>(n),
                sets = new ArrayList<>(n), times = new ArrayList<>(n);
        for (Map.Entry<Stream, TreeSet<Long>> stream : positions.entrySet()) {
            partners.add(stream.getKey().partnerId());
            types.add(stream.getKey().aggregateType());
            ids.add(stream.getKey().aggregateId());
            sets.add(Multirange.of(stream.getValue()));
            times.add(newest.get(stream.getKey()));
        }
        Map<Stream, Multirange> seen = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(RECORD)) {
            Sql.bind(c, s, ArrayLiteral.of(partners), ArrayLiteral.of(types), ArrayLiteral.of(ids),
                    ArrayLiteral.of(sets), ArrayLiteral.of(times));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    seen.put(new Stream(rs.getString(1), rs.getString(2), rs.getString(3)),
                            Multirange.parse(rs.getString(4)));
                }
            }
        }
        return seen;
    }

    private static List<EventEnvelope> unseen(List<EventEnvelope> distinct, Map<Stream, Multirange> seen) {
        List<EventEnvelope> fresh = new ArrayList<>(distinct.size());
        for (EventEnvelope e : distinct) {
            Multirange before = seen.get(new Stream(e.partnerId(), e.aggregateType(), e.aggregateId()));
            if (before == null || !before.contains(e.sequence())) {
                fresh.add(e);
            }
        }
        return fresh;
    }

    /** A stream's identity; the hash is computed once, as every event of the batch looks its stream up twice. */
    private record Stream(String partnerId, String aggregateType, String aggregateId, int hash) {
        Stream(String partnerId, String aggregateType, String aggregateId) {
            this(partnerId, aggregateType, aggregateId,
                    (partnerId.hashCode() * 31 + aggregateType.hashCode()) * 31 + aggregateId.hashCode());
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

    /** A set of positions as half-open ranges, in PostgreSQL's int8multirange text form. */
    record Multirange(List<long[]> ranges) {
        static String of(TreeSet<Long> sequences) {
            StringBuilder text = new StringBuilder("{");
            Long from = null, to = null;
            for (long n : sequences) {
                if (to != null && n == to) {
                    to = n + 1;
                    continue;
                }
                if (from != null) {
                    text.append(text.length() > 1 ? "," : "").append('[').append(from).append(',').append(to).append(')');
                }
                from = n;
                to = n + 1;
            }
            text.append(text.length() > 1 ? "," : "").append('[').append(from).append(',').append(to).append(')');
            return text.append('}').toString();
        }

        /** Parses {@code {[1,4),[7,8)}} (the canonical form PostgreSQL prints for int8 ranges). */
        static Multirange parse(String text) {
            List<long[]> ranges = new ArrayList<>();
            String body = text.substring(1, text.length() - 1);
            if (!body.isEmpty()) {
                for (String range : body.split("\\),")) {
                    String[] bounds = range.replace("[", "").replace(")", "").split(",");
                    ranges.add(new long[] {Long.parseLong(bounds[0]), Long.parseLong(bounds[1])});
                }
            }
            return new Multirange(ranges);
        }

        boolean contains(long position) {
            for (long[] range : ranges) {
                if (position >= range[0] && position < range[1]) {
                    return true;
                }
            }
            return false;
        }
    }
}
