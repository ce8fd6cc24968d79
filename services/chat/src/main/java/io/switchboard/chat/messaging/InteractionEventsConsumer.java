package io.switchboard.chat.messaging;

import io.smallrye.mutiny.Uni;
import io.switchboard.chat.domain.ChatCommand.Assign;
import io.switchboard.chat.store.ChatStore;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.interaction.RoutingEvents.ChatRouted;
import io.switchboard.eventstore.EventContext;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;

/**
 * What the chat service takes from {@code switchboard.interaction}: the directory (for names in the
 * chat object) and the router's decisions (applied to the chat as {@code ChatAssigned}). Delivery is at
 * least once and may repeat: both paths are idempotent. A failing database is retried with back-off
 * rather than skipped, so nothing is lost; an event that can never apply is logged and passed over.
 */
@ApplicationScoped
public class InteractionEventsConsumer {
    private static final Logger LOG = Logger.getLogger(InteractionEventsConsumer.class);

    private final DirectoryProjection directory;
    private final ChatStore chats;

    public InteractionEventsConsumer(DirectoryProjection directory, ChatStore chats) {
        this.directory = directory;
        this.chats = chats;
    }

    @Incoming("interaction")
    public Uni<Void> consume(EventEnvelope envelope) {
        if (envelope == null) {
            return Uni.createFrom().voidItem(); // undecodable: the deserializer logged it
        }
        Uni<?> work;
        if (envelope.data() instanceof ChatRouted routed) {
            work = assign(envelope, routed);
        } else if (directory.handles(envelope.data())) {
            work = directory.apply(envelope.partnerId(), envelope);
        } else {
            return Uni.createFrom().voidItem();
        }
        return work.onFailure(InteractionEventsConsumer::isTransient).retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("event %s (%s) of partner %s cannot be applied and is skipped: %s",
                            envelope.eventId(), envelope.type(), envelope.partnerId(), failure.getMessage());
                    return null;
                })
                .replaceWithVoid();
    }

    private Uni<?> assign(EventEnvelope envelope, ChatRouted routed) {
        Assign assign = new Assign(routed.assigneeType(), routed.assigneeId(), routed.assigneeName(),
                envelope.sequence(), routed.escalationId(), routed.routedAt());
        EventContext cause = new EventContext(envelope.eventId(), envelope.correlationId(), Map.of());
        return chats.handle(envelope.partnerId(), routed.chatId(), assign, cause)
                .invoke(chat -> LOG.debugf("chat %d of %s routed to %s %d (routing version %d)", routed.chatId(),
                        envelope.partnerId(), routed.assigneeType(), routed.assigneeId(), envelope.sequence()));
    }

    private static boolean isTransient(Throwable failure) {
        return !(failure instanceof AggregateNotFoundException || failure instanceof InvalidCommandException
                || failure instanceof IllegalTransitionException || failure instanceof IllegalArgumentException);
    }
}
