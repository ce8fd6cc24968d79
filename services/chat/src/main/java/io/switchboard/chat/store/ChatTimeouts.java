package io.switchboard.chat.store;

import io.switchboard.events.WireTime;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.domain.ChatCommand.TimeOut;
import io.switchboard.eventstore.EventContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * Times out queued chats that nobody picked up by their {@code timeout_at}. Several instances may
 * sweep at once: {@code TimeOut} is decided on the chat's current state under optimistic concurrency,
 * so a chat times out once and a chat that was picked up meanwhile is left alone.
 */
@ApplicationScoped
public class ChatTimeouts {
    private static final Logger LOG = Logger.getLogger(ChatTimeouts.class);
    private static final int BATCH = 200;

    /** Chats created with a past timeout_at that have not ended (assignment will join this list). */
    private static final String DUE = """
            SELECT c.partner_id, (c.payload -> 'data' ->> 'chatId')::bigint AS chat_id
            FROM event_store c
            WHERE c.event_type = 'ChatCreated' AND c.payload -> 'data' ->> 'timeoutAt' <= $1
              AND NOT EXISTS (SELECT 1 FROM event_store e
                              WHERE e.stream_id = c.stream_id AND e.event_type IN ('ChatFinished', 'ChatAssigned'))
            ORDER BY c.payload -> 'data' ->> 'timeoutAt'
            LIMIT $2""";

    private final Pool pool;
    private final ChatStore chats;
    private final Clock clock;

    public ChatTimeouts(Pool pool, ChatStore chats, Clock clock) {
        this.clock = clock;
        this.pool = pool;
        this.chats = chats;
    }

    @Scheduled(every = "${switchboard.chat.timeout-sweep:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweepNow() {
        return sweep(WireTime.now(clock)).replaceWithVoid();
    }

    /** Times out every chat due at {@code now}; returns how many it looked at. */
    public Uni<Integer> sweep(Instant now) {
        return pool.preparedQuery(DUE).execute(Tuple.of(WireTime.format(now), BATCH))
                .flatMap(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(row -> timeOut(row, now))
                        .collect().asList()
                        .map(done -> done.size()))
                .invoke(count -> {
                    if (count > 0) {
                        LOG.infof("timed out %d queued chat(s) due by %s", count, now);
                    }
                });
    }

    private Uni<Long> timeOut(Row row, Instant now) {
        long chatId = row.getLong("chat_id");
        return chats.handle(row.getString("partner_id"), chatId, new TimeOut(now), EventContext.none())
                .replaceWith(chatId)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf(failure, "could not time out chat %d; the next sweep retries", chatId);
                    return chatId;
                });
    }
}
