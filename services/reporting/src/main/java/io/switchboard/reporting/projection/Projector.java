package io.switchboard.reporting.projection;

import io.agroal.api.AgroalDataSource;
import io.switchboard.events.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Applies one event to every projection in ONE transaction together with recording its id in
 * {@code applied_events}: a redelivered event finds its id already there and changes nothing, and a
 * crash between effect and record is impossible (both commit or neither does).
 */
@ApplicationScoped
public class Projector {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ChangedDetailsProjection changedDetails;
    @Inject
    CallProjection calls;
    @Inject
    DirectoryProjection directory;
    @Inject
    ChatProjection chats;

    /** @return true if the event was applied now, false if it had been applied before */
    public boolean apply(EventEnvelope event) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean applied = apply(c, event);
                c.commit();
                return applied;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot apply event " + event.eventId() + " (" + event.type() + ")", e);
        }
    }

    private boolean apply(Connection c, EventEnvelope event) throws SQLException {
        int recorded = Sql.update(c, """
                INSERT INTO applied_events (event_id, partner_id, event_type, aggregate_type, aggregate_id, occurred_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (partner_id, event_id) DO NOTHING""",
                event.eventId(), event.partnerId(), event.type(), event.aggregateType(), event.aggregateId(),
                event.occurredAt());
        if (recorded == 0) {
            return false;
        }
        // Changed details first: it reads a call's status before the call projection moves it on.
        for (Projection projection : List.of(changedDetails, calls, directory, chats)) {
            projection.apply(c, event);
        }
        return true;
    }
}
