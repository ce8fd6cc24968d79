package io.switchboard.interaction.agentstatus.messaging;

import io.quarkus.runtime.StartupEvent;
import io.switchboard.consumer.ConsumerSpec;
import io.switchboard.consumer.RecordHandler;
import io.switchboard.consumer.quarkus.ReadModelConsumers;
import io.switchboard.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * The Kafka side of {@link WorkEvents}: calls from {@code switchboard.interaction}, chats from
 * {@code switchboard.chat}, through the libs/consumer loop {@code agent-status} (retried until applied,
 * the undecodable parked). Not rebuilt from the topics: its effects are appends to the agents' own streams
 * (event-sourced state, not a disposable read model).
 */
@ApplicationScoped
public class WorkConsumer {
    private final WorkEvents events;
    private final ReadModelConsumers consumers;
    private final String group;

    public WorkConsumer(WorkEvents events, ReadModelConsumers consumers,
                        @ConfigProperty(name = "switchboard.agent-status.consumer-group", defaultValue = "interaction-agent-status") String group) {
        this.events = events;
        this.consumers = consumers;
        this.group = group;
    }

    void start(@Observes StartupEvent startup) {
        consumers.start(ConsumerSpec.named(WorkEvents.READ_MODEL)
                .topics(Topics.INTERACTION, Topics.CHAT)
                .group(group)
                .records(RecordHandler.reactive(events::apply, Duration.ofMinutes(1)))
                .build());
    }
}
