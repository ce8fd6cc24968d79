package io.switchboard.reporting.live.feed;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;

/**
 * The feed's retention: every {@code switchboard.reporting.stream.purge-every} the rows written more than
 * {@code retention} ago go ({@link FeedStore#purge}: by transaction id, so that a too-old Last-Event-ID is known
 * exactly), in batches like the other purges of the service.
 */
@ApplicationScoped
public class FeedPurge {
    private static final Logger LOG = Logger.getLogger(FeedPurge.class);
    private static final int BATCH = 5000;

    private final FeedStore store;
    private final StreamConfig config;
    private final Clock clock;

    public FeedPurge(DataSource dataSource, StreamConfig config, Clock clock) {
        this.store = new FeedStore(dataSource);
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${switchboard.reporting.stream.purge-every:PT1M}", delayed = "PT10S",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() throws SQLException {
        long deleted = purge();
        if (deleted > 0) {
            LOG.debugf("live feed retention: deleted %d rows older than %s", deleted, config.retention());
        }
    }

    /** Deletes the rows past the retention as of the clock's now; returns how many. */
    public long purge() throws SQLException {
        return store.purge(clock.instant().minus(config.retention()), BATCH);
    }
}
