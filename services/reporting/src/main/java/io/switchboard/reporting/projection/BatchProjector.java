package io.switchboard.reporting.projection;

import io.switchboard.events.EventEnvelope;
import io.switchboard.events.interaction.CallEvents.CallConnected;
import io.switchboard.events.interaction.CallEvents.CallConnecting;
import io.switchboard.events.interaction.CallEvents.CallEnded;
import io.switchboard.events.interaction.CallEvents.CallQueued;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a batch of events inside the caller's transaction: one statement records every event id in
 * {@code applied_events} ({@code ON CONFLICT DO NOTHING RETURNING}), and only the ids it returns — the
 * events never applied before, duplicates within the batch counted once — reach the projections, whose
 * writes are folded and flushed as multi-row statements ({@link Writes}). Plain Java (no CDI), so the
 * rebuild and the benchmarks drive it too.
 */
public final class BatchProjector {
    private final List<Projection> projections;

    public BatchProjector(List<Projection> projections) {
        this.projections = List.copyOf(projections);
    }

    /** Every projection, in the order they must run (changed details read a call's status before the call moves on). */
    public static List<Projection> all() {
        return List.of(new ChangedDetailsProjection(), new CallProjection(), new DirectoryProjection(),
                new ChatProjection());
    }

    public List<Projection> projections() {
        return projections;
    }

    /** @return the events applied now (the others had been applied before, or were duplicates in the batch) */
    public List<EventEnvelope> apply(Connection c, List<EventEnvelope> batch) throws SQLException {
        Map<Key, EventEnvelope> distinct = new LinkedHashMap<>();
        for (EventEnvelope event : batch) {
            distinct.putIfAbsent(new Key(event.partnerId(), event.eventId()), event);
        }
        if (distinct.isEmpty()) {
            return List.of();
        }
        Set<Key> fresh = record(c, distinct.values());
        List<EventEnvelope> toApply = new ArrayList<>(fresh.size());
        for (Map.Entry<Key, EventEnvelope> e : distinct.entrySet()) {
            if (fresh.contains(e.getKey())) {
                toApply.add(e.getValue());
            }
        }
        Writes writes = new Writes(c);
        if (projections.stream().anyMatch(ChangedDetailsProjection.class::isInstance)) {
            loadCalls(writes, toApply);
        }
        for (EventEnvelope event : toApply) {
            for (Projection projection : projections) {
                projection.apply(writes, event);
            }
        }
        writes.flush();
        return toApply;
    }

    private static Set<Key> record(Connection c, java.util.Collection<EventEnvelope> events) throws SQLException {
        int n = events.size();
        Object[] partners = new Object[n], ids = new Object[n], types = new Object[n], aggregateTypes = new Object[n],
                aggregateIds = new Object[n], occurred = new Object[n];
        int i = 0;
        for (EventEnvelope e : events) {
            partners[i] = e.partnerId();
            ids[i] = e.eventId().toString();
            types[i] = e.type();
            aggregateTypes[i] = e.aggregateType();
            aggregateIds[i] = e.aggregateId();
            occurred[i] = e.occurredAt().toString();
            i++;
        }
        Set<Key> fresh = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO applied_events (partner_id, event_id, event_type, aggregate_type, aggregate_id, occurred_at)
                SELECT * FROM unnest(?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])
                ON CONFLICT (partner_id, event_id) DO NOTHING
                RETURNING partner_id, event_id""")) {
            s.setArray(1, c.createArrayOf("text", partners));
            s.setArray(2, c.createArrayOf("text", ids));
            s.setArray(3, c.createArrayOf("text", types));
            s.setArray(4, c.createArrayOf("text", aggregateTypes));
            s.setArray(5, c.createArrayOf("text", aggregateIds));
            s.setArray(6, c.createArrayOf("text", occurred));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    fresh.add(new Key(rs.getString(1), (UUID) rs.getObject(2)));
                }
            }
        }
        return fresh;
    }

    /** The calls whose status changes feed the changed details: their stored status facts, in one query. */
    private static void loadCalls(Writes writes, List<EventEnvelope> events) throws SQLException {
        List<String> partners = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        Set<List<Object>> seen = new HashSet<>();
        for (EventEnvelope e : events) {
            Object data = e.data();
            Long callId = data instanceof CallQueued d ? Long.valueOf(d.callId())
                    : data instanceof CallConnecting d ? Long.valueOf(d.callId())
                    : data instanceof CallConnected d ? Long.valueOf(d.callId())
                    : data instanceof CallEnded d ? Long.valueOf(d.callId()) : null;
            if (callId != null && seen.add(List.of(e.partnerId(), callId))) {
                partners.add(e.partnerId());
                ids.add(callId);
            }
        }
        writes.loadCalls(partners, ids);
    }

    private record Key(String partnerId, UUID eventId) {
    }
}
