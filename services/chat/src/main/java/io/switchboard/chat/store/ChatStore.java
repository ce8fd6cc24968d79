package io.switchboard.chat.store;

import io.smallrye.mutiny.Uni;
import io.switchboard.chat.domain.Chat;
import io.switchboard.chat.domain.ChatCommand;
import io.switchboard.chat.domain.ChatDecider;
import io.switchboard.chat.domain.MessageKeyReusedException;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.chat.ChatEvents;
import io.switchboard.eventstore.EventContext;
import io.switchboard.eventstore.EventStore;
import io.switchboard.eventstore.decider.AggregateRepository;
import io.switchboard.web.IdempotencyKeyReusedException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Chats through the event store, always on behalf of one partner. */
@ApplicationScoped
public class ChatStore {
    private final AggregateRepository<ChatCommand, Chat, DomainEvent> chats;
    private final Pool pool;

    public ChatStore(EventStore store, Pool pool) {
        this.chats = new AggregateRepository<>(store, new ChatDecider(), DomainEvent.class, ChatEvents.AGGREGATE_TYPE,
                "chat", Chat::exists);
        this.pool = pool;
    }

    /** A new chat id: the Apps API's ids are integers, unique across partners. */
    public Uni<Long> nextChatId() {
        return pool.query("SELECT nextval('chat_id_seq')").execute().map(rows -> rows.iterator().next().getLong(0));
    }

    /** A new escalation id, unique across chats and partners. */
    public Uni<Long> nextEscalationId() {
        return pool.query("SELECT nextval('escalation_id_seq')").execute().map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * The chat id for a create with an {@code Idempotency-Key}: a new one for a new key, the first
     * one for a retry with the same request, {@link IdempotencyKeyReusedException} for the same key
     * with a different request.
     */
    public Uni<Long> reserveChatId(String partnerId, String key, String requestHash) {
        return pool.preparedQuery("""
                        INSERT INTO chat_idempotency (partner_id, idempotency_key, request_hash, chat_id)
                        VALUES ($1, $2, $3, nextval('chat_id_seq'))
                        ON CONFLICT (partner_id, idempotency_key) DO NOTHING
                        RETURNING chat_id""")
                .execute(Tuple.of(partnerId, key, requestHash))
                .flatMap(inserted -> inserted.size() == 1
                        ? Uni.createFrom().item(inserted.iterator().next().getLong(0))
                        : pool.preparedQuery("SELECT chat_id, request_hash FROM chat_idempotency WHERE partner_id = $1 AND idempotency_key = $2")
                                .execute(Tuple.of(partnerId, key))
                                .map(rows -> {
                                    Row first = rows.iterator().next();
                                    if (!requestHash.equals(first.getString("request_hash"))) {
                                        throw new IdempotencyKeyReusedException(key);
                                    }
                                    return first.getLong("chat_id");
                                }));
    }

    /** The partner's chat if it exists (no 404): for replies to retried requests. */
    public Uni<java.util.Optional<Chat>> findIfExists(String partnerId, long chatId) {
        return chats.findIfExists(partnerId, chatId);
    }

    public Uni<Chat> handle(String partnerId, long chatId, ChatCommand command, EventContext context) {
        return handle(chats, partnerId, chatId, command, context);
    }

    /**
     * The same, on the caller's transaction: the chat's new events commit or roll back with the caller's
     * other writes (a consumer's record of the event that caused them).
     */
    public Uni<Chat> handle(SqlConnection transaction, String partnerId, long chatId, ChatCommand command,
                            EventContext context) {
        return handle(chats.within(transaction), partnerId, chatId, command, context);
    }

    private static Uni<Chat> handle(AggregateRepository<ChatCommand, Chat, DomainEvent> chats, String partnerId,
                                    long chatId, ChatCommand command, EventContext context) {
        return chats.handle(partnerId, chatId, command, context)
                .onFailure(MessageKeyReusedException.class)
                .transform(reused -> new IdempotencyKeyReusedException(((MessageKeyReusedException) reused).key()));
    }

    /** The partner's chat; another partner's chat is as absent as one that never existed (404). */
    public Uni<Chat> find(String partnerId, long chatId) {
        return chats.find(partnerId, chatId);
    }
}
