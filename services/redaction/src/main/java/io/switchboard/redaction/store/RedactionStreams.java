package io.switchboard.redaction.store;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.redaction.RedactionEvents;
import io.switchboard.events.redaction.RedactionEvents.MessageRedacted;
import io.switchboard.eventstore.EventContext;
import io.switchboard.eventstore.EventStore;
import io.switchboard.eventstore.StreamId;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Appends {@code MessageRedacted} to the chat's stream {@code redacted_message-<chatId>} of this service's
 * event store (the outbox: Debezium → {@code switchboard.redaction}), on the consumer's transaction. The
 * stream has no rules to fold — a message is redacted once because the consumer applies its MessageSent
 * once — so the append is at the stream's head as read in the same transaction; two instances racing on
 * one chat (a rebalance) collide on the version and the loser's transaction is retried and deduplicated.
 */
@ApplicationScoped
public class RedactionStreams {
    private final EventStore store;

    public RedactionStreams(EventStore store) {
        this.store = store;
    }

    public Uni<Void> append(SqlConnection tx, String partnerId, MessageRedacted event, EventContext context) {
        StreamId stream = StreamId.of(RedactionEvents.AGGREGATE_TYPE, event.chatId());
        return tx.preparedQuery("SELECT coalesce(max(version), 0) FROM event_store WHERE stream_id = $1")
                .execute(Tuple.of(stream.value()))
                .map(rows -> rows.iterator().next().getLong(0))
                .flatMap(head -> store.within(tx).append(partnerId, stream, head, List.of(event), context))
                .replaceWithVoid();
    }
}
