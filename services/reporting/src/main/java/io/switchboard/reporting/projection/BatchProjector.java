package io.switchboard.reporting.projection;

import io.switchboard.consumer.positions.AppliedPositions;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.interaction.CallEvents.CallConnected;
import io.switchboard.events.interaction.CallEvents.CallConnecting;
import io.switchboard.events.interaction.CallEvents.CallEnded;
import io.switchboard.events.interaction.CallEvents.CallQueued;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies a batch of events inside the caller's transaction: one statement records every event's stream
 * position (libs/consumer's {@link AppliedPositions}, read model {@code reporting}), and only the events
 * never applied before — duplicates within the batch counted once — reach the projections, whose writes
 * are folded and flushed one statement per table and shape ({@link Writes}). Plain Java (no CDI), so the
 * rebuild and the benchmarks drive it too.
 */
public final class BatchProjector {
    /** The read model's name in {@code consumer_applied_streams}. */
    public static final String READ_MODEL = "reporting";

    private final List<Projection> projections;
    private final AppliedPositions positions;

    public BatchProjector(List<Projection> projections) {
        this(READ_MODEL, projections);
    }

    /** A projector recording its positions under another name (a rebuild's private replay). */
    public BatchProjector(String readModel, List<Projection> projections) {
        this.projections = List.copyOf(projections);
        this.positions = new AppliedPositions(readModel);
    }

    /** Every projection, in the order they must run (changed details read a call's status before the call moves on). */
    public static List<Projection> all() {
        return List.of(new ChangedDetailsProjection(), new CallProjection(), new DirectoryProjection(),
                new ChatProjection(), new MediaProjection(), new OrganizationProjection());
    }

    public List<Projection> projections() {
        return projections;
    }

    /** @return the events applied now (the others had been applied before, or were duplicates in the batch) */
    public List<EventEnvelope> apply(Connection c, List<EventEnvelope> batch) throws SQLException {
        if (batch.isEmpty()) {
            return List.of();
        }
        List<EventEnvelope> toApply = positions.record(c, batch);
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

}
