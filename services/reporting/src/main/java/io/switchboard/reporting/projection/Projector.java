package io.switchboard.reporting.projection;

import io.switchboard.events.EventEnvelope;
import io.switchboard.reporting.jdbc.Projection;
import io.switchboard.reporting.webhooks.WebhookEnqueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a batch of events to every projection in ONE transaction together with recording their stream
 * positions ({@code consumer_applied_streams}, {@link BatchProjector}): a redelivered event finds its
 * position already there and changes nothing, and a crash between effect and record is impossible (both
 * commit or neither does). The live stream's feed is written in the same transaction ({@link Projections#live}).
 * The live projector also enqueues the webhook deliveries of the events it applies
 * ({@link WebhookEnqueue}), in the same transaction; a rebuild's replay ({@link BatchProjector} over
 * {@link Projections} only) never does.
 */
@ApplicationScoped
public class Projector {
    private final BatchProjector batch;
    private final DataSource dataSource;

    /** The live projector: the read models and the webhook deliveries. */
    @Inject
    public Projector(DataSource dataSource, WebhookEnqueue webhooks) {
        this.dataSource = dataSource;
        List<Projection> live = new ArrayList<>(Projections.live());
        live.add(webhooks);
        this.batch = new BatchProjector(live);
    }

    /** The read models and the live feed, without webhooks (benchmarks). */
    public Projector(DataSource dataSource) {
        this.dataSource = dataSource;
        this.batch = new BatchProjector(Projections.live());
    }

    /** @return true if the event was applied now, false if it had been applied before */
    public boolean apply(EventEnvelope event) {
        return apply(List.of(event)).size() == 1;
    }

    /** @return the events applied now (not applied before, duplicates in the batch once) */
    public List<EventEnvelope> apply(List<EventEnvelope> events) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<EventEnvelope> applied = batch.apply(c, events);
                c.commit();
                return applied;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot apply a batch of " + events.size() + " events", e);
        }
    }
}
