package io.switchboard.redaction.retention;

import io.quarkus.scheduler.Scheduled;
import io.switchboard.consumer.retention.BatchedPurge;
import io.switchboard.redaction.RedactionConfig;
import io.switchboard.redaction.messaging.RedactionPipeline;
import io.switchboard.redaction.store.ChatSessions;
import io.switchboard.redaction.store.RedactedMessages;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Data retention (docs/api/redacted-messages.md#data-retention): every
 * {@code switchboard.redaction.retention.every} (1 h) it deletes, in batches,
 * <ul>
 *   <li>history — redacted messages ({@code redacted_messages}) sent more than
 *       {@code switchboard.redaction.retention.history} (1 year) ago: the API no longer shows them;</li>
 *   <li>runtime data — per-chat state ({@code redaction_chats}) of chats without an event for
 *       {@code switchboard.redaction.retention.runtime} (30 days), and records the consumer parked longer ago
 *       than that ({@code consumer_dead_letters}, which here hold no value, only coordinates).</li>
 * </ul>
 * The {@code MessageRedacted} events stay in the event store and on {@code switchboard.redaction}: they hold
 * redacted text only, and the event store is append-only by design. "Now" is the injected clock.
 */
@ApplicationScoped
public class RetentionPurge {
    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final RedactedMessages messages;
    private final ChatSessions sessions;
    private final Pool pool;
    private final Clock clock;
    private final RedactionConfig.Retention retention;

    public RetentionPurge(RedactedMessages messages, ChatSessions sessions, Pool pool, Clock clock, RedactionConfig config) {
        this.messages = messages;
        this.sessions = sessions;
        this.pool = pool;
        this.clock = clock;
        this.retention = config.retention();
    }

    /** What one purge deleted. */
    public record Purged(long messages, long chats, long parked) {
    }

    @Scheduled(every = "${switchboard.redaction.retention.every}", delayed = "${switchboard.redaction.retention.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Purged purged = purge();
        if (purged.messages() + purged.chats() + purged.parked() > 0) {
            LOG.infof("retention: deleted %d redacted messages, %d chat states, %d parked records",
                    purged.messages(), purged.chats(), purged.parked());
        }
    }

    /** Deletes everything past its retention as of the clock's now. */
    public Purged purge() {
        Instant now = clock.instant();
        int batch = retention.batch();
        long history = BatchedPurge.drain((before, limit) -> messages.purge(before, limit).await().atMost(TIMEOUT),
                now.minus(retention.history()), batch);
        Instant runtime = now.minus(retention.runtime());
        long chats = BatchedPurge.drain((before, limit) -> sessions.purge(before, limit).await().atMost(TIMEOUT),
                runtime, batch);
        long parked = pool.preparedQuery("DELETE FROM consumer_dead_letters WHERE consumer = $1 AND parked_at < $2")
                .execute(Tuple.of(RedactionPipeline.READ_MODEL, runtime.atOffset(ZoneOffset.UTC)))
                .map(rows -> (long) rows.rowCount()).await().atMost(TIMEOUT);
        return new Purged(history, chats, parked);
    }
}
