package io.switchboard.reporting.retention;

import io.quarkus.scheduler.Scheduled;
import io.switchboard.consumer.retention.BatchedPurge;
import io.switchboard.reporting.jdbc.Sql;
import io.switchboard.reporting.messages.MessageProjection;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Data retention of the redacted chat messages (seed 002: history kept 1 year): every
 * {@code switchboard.reporting.retention.every} (1 h) it deletes the {@code chat_messages} rows sent more than
 * {@code switchboard.reporting.retention.history} ago, in batches of {@code .batch} rows (libs/consumer's
 * {@link BatchedPurge}), each batch its own transaction. "Now" is the injected clock. The
 * {@code MessageRedacted} events stay on the topic (redacted text only): a rebuild replays them, so a
 * rebuild of {@code chat_messages} purges again when it completes.
 */
@ApplicationScoped
public class RetentionPurge {
    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);
    private static final String DELETE_MESSAGES = BatchedPurge.deleteOlderThan(MessageProjection.TABLE, "sent_at");

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration history;
    private final int batch;

    public RetentionPurge(DataSource dataSource, Clock clock,
                          @ConfigProperty(name = "switchboard.reporting.retention.history") Duration history,
                          @ConfigProperty(name = "switchboard.reporting.retention.batch", defaultValue = "5000") int batch) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.history = history;
        this.batch = batch;
    }

    @Scheduled(every = "${switchboard.reporting.retention.every}", delayed = "${switchboard.reporting.retention.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() throws SQLException {
        long deleted = purge();
        if (deleted > 0) {
            LOG.infof("retention: deleted %d chat messages sent more than %s ago", deleted, history);
        }
    }

    /** Deletes the chat messages past their retention as of the clock's now; returns how many. */
    public long purge() throws SQLException {
        Instant before = clock.instant().minus(history);
        return BatchedPurge.drain(this::deleteBatch, before, batch);
    }

    private int deleteBatch(Instant before, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return Sql.update(c, DELETE_MESSAGES, before, limit);
        }
    }
}
