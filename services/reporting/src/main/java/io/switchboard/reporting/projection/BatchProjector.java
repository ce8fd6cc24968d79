package io.switchboard.reporting.projection;

import io.switchboard.consumer.positions.AppliedPositions;
import io.switchboard.events.EventEnvelope;
import io.switchboard.reporting.jdbc.Projection;
import io.switchboard.reporting.jdbc.Writes;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a batch of events inside the caller's transaction: one statement records every event's stream
 * position (libs/consumer's {@link AppliedPositions}, read model {@code reporting}), and only the events
 * never applied before — duplicates within the batch counted once — reach the projections, whose writes
 * are folded and flushed one statement per table and shape ({@link Writes}); then each projection may derive rows
 * from what it stored ({@link Projection.Applier#finish}). Plain Java (no CDI), so the
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

    public List<Projection> projections() {
        return projections;
    }

    /** @return the events applied now (the others had been applied before, or were duplicates in the batch) */
    public List<EventEnvelope> apply(Connection c, List<EventEnvelope> batch) throws SQLException {
        if (batch.isEmpty()) {
            return List.of();
        }
        List<EventEnvelope> toApply = positions.record(c, batch);
        if (toApply.isEmpty()) {
            return toApply;
        }
        List<Projection.Applier> appliers = new ArrayList<>(projections.size());
        for (Projection projection : projections) {
            appliers.add(projection.begin(c, toApply));
        }
        Writes writes = new Writes(c);
        for (EventEnvelope event : toApply) {
            for (Projection.Applier applier : appliers) {
                applier.apply(writes, event);
            }
        }
        writes.flush();
        for (Projection.Applier applier : appliers) {
            applier.finish(c);
        }
        return toApply;
    }
}
