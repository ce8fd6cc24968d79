package io.switchboard.reporting.projection;

import io.switchboard.events.EventEnvelope;

import java.sql.SQLException;

/** One read model: hands the writes for the events it cares about to the batch's {@link Writes}, ignores the rest. */
public interface Projection {
    void apply(Writes writes, EventEnvelope event) throws SQLException;

    /** A stable positive id for a row derived from one event (and its n-th item), identical on every replay. */
    static long derivedId(EventEnvelope event, int index) {
        long bits = event.eventId().getMostSignificantBits() ^ event.eventId().getLeastSignificantBits();
        return ((bits & 0x7FFF_FFFF_FFFF_FF00L) | (index & 0xFF)) & Long.MAX_VALUE;
    }
}
