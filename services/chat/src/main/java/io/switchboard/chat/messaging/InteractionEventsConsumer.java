package io.switchboard.chat.messaging;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.domain.ChatCommand.Assign;
import io.switchboard.chat.store.ChatStore;
import io.switchboard.consumer.ConsumerSpec;
import io.switchboard.consumer.RecordHandler;
import io.switchboard.consumer.positions.AppliedPositions;
import io.switchboard.consumer.quarkus.ReadModelConsumers;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.Topics;
import io.switchboard.events.interaction.RoutingEvents.ChatRouted;
import io.switchboard.eventstore.EventContext;
import io.switchboard.eventstore.decider.CommandRejectedException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;

/**
 * What the chat service takes from {@code switchboard.interaction}, through the libs/consumer loop
 * {@code chat} (read model {@code chat}): the directory (names in the chat object, {@link DirectoryCopyProjection})
 * and the router's decisions ({@code ChatRouted} → the {@code Assign} command → {@code ChatAssigned}). Each
 * event is applied in ONE transaction that also records its stream position, the chat's appended events
 * included, so a redelivery changes nothing. A failure is retried until it applies; a decision the chat
 * refuses for good (a chat of another partner, one that does not exist) is applied without effect. Records
 * that are not envelopes are parked by the loop; heartbeats never get here.
 */
@ApplicationScoped
public class InteractionEventsConsumer {
    public static final String READ_MODEL = "chat";
    private static final Logger LOG = Logger.getLogger(InteractionEventsConsumer.class);

    private final DirectoryCopyProjection directory;
    private final ChatStore chats;
    private final Pool pool;
    private final ReadModelConsumers consumers;
    private final String group;
    private final AppliedPositions positions = new AppliedPositions(READ_MODEL);

    public InteractionEventsConsumer(DirectoryCopyProjection directory, ChatStore chats, Pool pool, ReadModelConsumers consumers,
                                     @ConfigProperty(name = "switchboard.chat.consumer-group", defaultValue = "switchboard-chat") String group) {
        this.directory = directory;
        this.chats = chats;
        this.pool = pool;
        this.consumers = consumers;
        this.group = group;
    }

    void start(@Observes StartupEvent startup) {
        consumers.start(ConsumerSpec.named(READ_MODEL)
                .topics(Topics.INTERACTION)
                .group(group)
                .records(RecordHandler.reactive(this::apply, Duration.ofMinutes(1)))
                .rebuildable(DirectoryCopyProjection.TABLES)
                .build());
    }

    /** @return false if the event had been applied before */
    Uni<Boolean> apply(EventEnvelope envelope) {
        if (envelope.data() instanceof ChatRouted routed) {
            return positions.applyOnce(pool, envelope, (tx, event) -> assign(tx, event, routed));
        }
        if (directory.handles(envelope.data())) {
            return positions.applyOnce(pool, envelope, directory::apply);
        }
        return Uni.createFrom().item(Boolean.TRUE); // not for this read model: nothing to apply
    }

    private Uni<Void> assign(SqlConnection tx, EventEnvelope envelope, ChatRouted routed) {
        Assign assign = new Assign(routed.assigneeType(), routed.assigneeId(), routed.assigneeName(),
                envelope.sequence(), routed.escalationId(), routed.routedAt());
        EventContext cause = new EventContext(envelope.eventId(), envelope.correlationId(), Map.of());
        return chats.handle(tx, envelope.partnerId(), routed.chatId(), assign, cause)
                .invoke(chat -> LOG.debugf("chat %d of %s routed to %s %d (routing version %d)", routed.chatId(),
                        envelope.partnerId(), routed.assigneeType(), routed.assigneeId(), envelope.sequence()))
                .replaceWithVoid()
                // The chat's own decision, and a permanent one: the event is applied, without effect.
                .onFailure(CommandRejectedException.class).recoverWithItem(rejected -> {
                    LOG.infof("routing decision %s for chat %d of partner %s applied without effect: %s",
                            envelope.eventId(), routed.chatId(), envelope.partnerId(), rejected.getMessage());
                    return null;
                });
    }
}
