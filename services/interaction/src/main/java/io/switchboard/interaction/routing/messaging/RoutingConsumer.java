package io.switchboard.interaction.routing.messaging;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.switchboard.consumer.Batch;
import io.switchboard.consumer.ConsumerSpec;
import io.switchboard.consumer.RecordHandler;
import io.switchboard.consumer.quarkus.ReadModelConsumers;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.Topics;
import io.switchboard.interaction.routing.Router;
import io.switchboard.interaction.routing.store.RoutingReadModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feeds routing from Kafka through the libs/consumer loop {@code routing}: directory, agent status and call
 * events from switchboard.interaction, chat events from switchboard.chat. Each event is applied once
 * ({@link RoutingReadModel}, its stream position recorded with its effect) and retried until it applies;
 * then, once per batch, the partners whose state changed have their waiting work routed (retried as well).
 * While the loop replays history (a new consumer group, a rebuild) routing waits: deciding on a read model
 * that is still in the past would hand work to agents who have long gone; the partners are routed once the
 * replay has reached the log end it started with.
 */
@ApplicationScoped
public class RoutingConsumer {
    private final RoutingReadModel readModel;
    private final Router router;
    private final ReadModelConsumers consumers;
    private final String group;
    /** Partners whose state changed since their waiting work was last routed. */
    private final Set<String> toRoute = ConcurrentHashMap.newKeySet();

    public RoutingConsumer(RoutingReadModel readModel, Router router, ReadModelConsumers consumers,
                           @ConfigProperty(name = "switchboard.routing.consumer-group", defaultValue = "switchboard-interaction-routing") String group) {
        this.readModel = readModel;
        this.router = router;
        this.consumers = consumers;
        this.group = group;
    }

    void start(@Observes StartupEvent startup) {
        consumers.start(ConsumerSpec.named(RoutingReadModel.READ_MODEL)
                .topics(Topics.INTERACTION, Topics.CHAT)
                .group(group)
                .records(RecordHandler.reactive(this::apply, Duration.ofMinutes(1)))
                .afterBatch(this::route)
                .rebuildable(RoutingReadModel.TABLES)
                .build());
    }

    Uni<Boolean> apply(EventEnvelope envelope) {
        if (!RoutingReadModel.relevant(envelope.data())) {
            return Uni.createFrom().item(Boolean.TRUE); // not for routing: nothing to apply
        }
        toRoute.add(envelope.partnerId());
        return readModel.apply(envelope);
    }

    private void route(Batch batch) {
        if (batch.replaying()) {
            return;
        }
        for (String partner : List.copyOf(toRoute)) {
            router.dispatch(partner).await().atMost(Duration.ofMinutes(1));
            toRoute.remove(partner);
        }
    }
}
