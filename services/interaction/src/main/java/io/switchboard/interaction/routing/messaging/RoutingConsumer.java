package io.switchboard.interaction.routing.messaging;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.EventCodec;
import io.switchboard.events.EventEnvelope;
import io.switchboard.interaction.routing.Router;
import io.switchboard.interaction.routing.store.RoutingReadModel;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Feeds routing from Kafka: directory, agent status and call events from switchboard.interaction,
 * chat events from switchboard.chat. Each event is applied once (its id is recorded with its
 * effect), then the partner's waiting work is routed. Records that are not envelopes, and event types
 * routing does not use, are skipped.
 */
@ApplicationScoped
public class RoutingConsumer {
    private static final Logger LOG = Logger.getLogger(RoutingConsumer.class);
    private static final int ATTEMPTS = 5;

    private final EventCodec codec;
    private final RoutingReadModel readModel;
    private final Router router;

    public RoutingConsumer(EventCodec codec, RoutingReadModel readModel, Router router) {
        this.codec = codec;
        this.readModel = readModel;
        this.router = router;
    }

    @Incoming("routing-interaction")
    public Uni<Void> onInteraction(byte[] value) {
        return consume(value);
    }

    @Incoming("routing-chat")
    public Uni<Void> onChat(byte[] value) {
        return consume(value);
    }

    private Uni<Void> consume(byte[] value) {
        if (value == null) {
            return Uni.createFrom().voidItem();
        }
        EventEnvelope envelope;
        try {
            envelope = codec.decode(value);
        } catch (RuntimeException notAnEnvelope) {
            LOG.warnf("skipping a record that is not an event envelope: %s", notAnEnvelope.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (!RoutingReadModel.relevant(envelope.data())) {
            return Uni.createFrom().voidItem();
        }
        return readModel.apply(envelope)
                .chain(applied -> router.dispatch(envelope.partnerId()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(ATTEMPTS)
                .onFailure().recoverWithUni(failure -> {
                    // The partition must move on; the next event of the partner routes its waiting work again.
                    LOG.errorf(failure, "could not apply %s %s of partner %s", envelope.type(), envelope.eventId(),
                            envelope.partnerId());
                    return Uni.createFrom().voidItem();
                });
    }
}
