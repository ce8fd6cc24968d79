package io.switchboard.chat.store;

import io.smallrye.mutiny.Uni;
import io.switchboard.chat.domain.Chat;
import io.switchboard.chat.domain.ChatCommand;
import io.switchboard.chat.domain.ChatDecider;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.chat.ChatEvents;
import io.switchboard.eventstore.EventContext;
import io.switchboard.eventstore.EventStore;
import io.switchboard.eventstore.StreamId;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.CommandHandler;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

/** Chats through the event store, always on behalf of one partner. */
@ApplicationScoped
public class ChatStore {
    private final CommandHandler<ChatCommand, Chat, DomainEvent> chats;
    private final Pool pool;

    public ChatStore(EventStore store, Pool pool) {
        this.chats = new CommandHandler<>(store, new ChatDecider(), DomainEvent.class);
        this.pool = pool;
    }

    /** A new chat id: the Apps API's ids are integers, unique across partners. */
    public Uni<Long> nextChatId() {
        return pool.query("SELECT nextval('chat_id_seq')").execute().map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<Chat> handle(String partnerId, long chatId, ChatCommand command, EventContext context) {
        return chats.handle(partnerId, stream(chatId), command, context).map(result -> result.state())
                // The decider cannot name a chat it has no events of.
                .onFailure(AggregateNotFoundException.class)
                .transform(missing -> new AggregateNotFoundException("chat", Long.toString(chatId)));
    }

    /** The partner's chat; another partner's chat is as absent as one that never existed (404). */
    public Uni<Chat> find(String partnerId, long chatId) {
        return chats.current(partnerId, stream(chatId)).map(result -> {
            if (!result.state().exists()) {
                throw new AggregateNotFoundException("chat", Long.toString(chatId));
            }
            return result.state();
        });
    }

    private static StreamId stream(long chatId) {
        return StreamId.of(ChatEvents.AGGREGATE_TYPE, chatId);
    }
}
