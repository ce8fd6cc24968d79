package io.switchboard.redaction.messaging;

import io.quarkus.runtime.StartupEvent;
import io.switchboard.consumer.ConsumerSpec;
import io.switchboard.consumer.quarkus.ReadModelConsumers;
import io.switchboard.events.Topics;
import io.switchboard.redaction.RedactionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Starts the libs/consumer loop {@code redaction} on {@code switchboard.chat} (chats and their messages) and
 * {@code switchboard.interaction} (menu and agent names). Not rebuildable from the topics: its effects
 * include appends to this service's event store (a replay into an emptied read model would redact every
 * message a second time into the streams).
 */
@ApplicationScoped
public class RedactionConsumer {
    private final RedactionPipeline pipeline;
    private final ReadModelConsumers consumers;
    private final RedactionConfig config;

    public RedactionConsumer(RedactionPipeline pipeline, ReadModelConsumers consumers, RedactionConfig config) {
        this.pipeline = pipeline;
        this.consumers = consumers;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        consumers.start(ConsumerSpec.named(RedactionPipeline.READ_MODEL)
                .topics(Topics.CHAT, Topics.INTERACTION)
                .group(config.consumerGroup())
                .batches(pipeline::apply)
                .build());
    }
}
