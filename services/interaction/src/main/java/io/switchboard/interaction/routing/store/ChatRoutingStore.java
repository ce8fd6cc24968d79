package io.switchboard.interaction.routing.store;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.interaction.RoutingEvents;
import io.switchboard.events.interaction.RoutingEvents.ChatRouted;
import io.switchboard.eventstore.ConcurrencyConflictException;
import io.switchboard.eventstore.EventContext;
import io.switchboard.eventstore.EventStore;
import io.switchboard.eventstore.EventStream;
import io.switchboard.eventstore.StreamId;
import io.switchboard.interaction.routing.domain.ChatRouting;
import io.switchboard.interaction.routing.domain.ChatRoutingDecider;
import io.switchboard.interaction.routing.domain.RouteChat;
import io.switchboard.interaction.routing.domain.RoutedChat;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * The chat_routing streams (one per chat) in the event store; Debezium ships them to
 * switchboard.interaction. The request that caused a decision is the envelope's causation id.
 */
@ApplicationScoped
public class ChatRoutingStore {
    private static final int MAX_ATTEMPTS = 5;

    /** What became of a decision. */
    public enum Outcome {
        /** ChatRouted was appended. */
        WRITTEN,
        /** This very request had been answered already (a retry after a crash, or a duplicate). */
        ALREADY_ANSWERED,
        /** Another request had already routed the chat for the same reason; nothing was written. */
        REFUSED
    }

    private final EventStore store;
    private final ChatRoutingDecider decider = new ChatRoutingDecider();

    public ChatRoutingStore(EventStore store) {
        this.store = store;
    }

    public Uni<Outcome> route(String partnerId, RouteChat command) {
        return attempt(partnerId, command, 1);
    }

    /** The partner's ChatRouted events of a chat, oldest first. */
    public Uni<List<EventEnvelope>> history(String partnerId, long chatId) {
        return store.load(partnerId, stream(chatId)).map(EventStream::events);
    }

    private Uni<Outcome> attempt(String partnerId, RouteChat command, int attempt) {
        StreamId stream = stream(command.decision().chatId());
        return store.load(partnerId, stream).flatMap(loaded -> {
            ChatRouting state = decider.evolveAll(decider.initialState(), loaded.events().stream()
                    .map(envelope -> new RoutedChat(envelope.causationId(), envelope.dataAs(ChatRouted.class)))
                    .toList());
            List<RoutedChat> decided = decider.decide(command, state);
            if (decided.isEmpty()) {
                return Uni.createFrom().item(state.answeredRequests().contains(command.requestId())
                        ? Outcome.ALREADY_ANSWERED : Outcome.REFUSED);
            }
            EventContext context = new EventContext(command.requestId(), null, Map.of());
            return store.append(partnerId, stream, loaded.version(),
                            decided.stream().map(RoutedChat::event).toList(), context)
                    .replaceWith(Outcome.WRITTEN);
        }).onFailure(ConcurrencyConflictException.class).recoverWithUni(conflict -> attempt < MAX_ATTEMPTS
                // Someone else wrote to the stream meanwhile: decide again on what they wrote.
                ? attempt(partnerId, command, attempt + 1)
                : Uni.createFrom().failure(conflict));
    }

    private static StreamId stream(long chatId) {
        return StreamId.of(RoutingEvents.AGGREGATE_TYPE, chatId);
    }
}
