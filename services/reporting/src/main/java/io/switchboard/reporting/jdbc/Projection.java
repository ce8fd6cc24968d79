package io.switchboard.reporting.jdbc;

import io.switchboard.events.EventEnvelope;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One read model's writer: hands the writes for the events it cares about to the batch's {@link Writes},
 * ignores the rest. Projections never read each other's pending writes, so the order they run in does
 * not matter; one that must know stored rows reads them in {@link #begin}, once per batch.
 */
public interface Projection {

    /**
     * A batch of events is about to be applied in {@code connection}'s transaction: returns what applies
     * them, one by one in batch order. A projection that needs stored rows (e.g. a status before the
     * change) reads them here in one query and keeps them in the returned applier, which lives for this
     * batch only.
     */
    Applier begin(Connection connection, List<EventEnvelope> events) throws SQLException;

    /** The tables this projection writes (and no other projection does). */
    List<String> tables();

    /**
     * Tables of other projections whose stored rows {@link #begin} reads: replaying this projection
     * alone (a rebuild) must replay theirs too, into scratch tables.
     */
    default List<String> reads() {
        return List.of();
    }

    /** Applies the events of one batch (see {@link #begin}). */
    @FunctionalInterface
    interface Applier {
        void apply(Writes writes, EventEnvelope event) throws SQLException;

        /**
         * Every projection's writes of the batch are in {@code connection}'s transaction now: a projection that
         * derives rows from its own stored rows (e.g. per-call measures from the call's facts) computes them here.
         */
        default void finish(Connection connection) throws SQLException {
        }
    }

    /** A projection that needs nothing stored: each event on its own. */
    interface PerEvent extends Projection {
        void apply(Writes writes, EventEnvelope event) throws SQLException;

        @Override
        default Applier begin(Connection connection, List<EventEnvelope> events) {
            return this::apply;
        }
    }

    /** A stable positive id for a row derived from one event (and its n-th item), identical on every replay. */
    static long derivedId(EventEnvelope event, int index) {
        long bits = event.eventId().getMostSignificantBits() ^ event.eventId().getLeastSignificantBits();
        return ((bits & 0x7FFF_FFFF_FFFF_FF00L) | (index & 0xFF)) & Long.MAX_VALUE;
    }
}
