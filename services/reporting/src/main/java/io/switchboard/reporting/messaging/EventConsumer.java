package io.switchboard.reporting.messaging;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.events.EventEnvelope;
import io.switchboard.reporting.projection.Projector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Feeds the chat and interaction topics into the projections. Blocking and ordered: one record at a
 * time per channel, so one aggregate's events (one partition) are applied in order; the offset is
 * committed only after the event's transaction committed (at-least-once, made exactly-once in effect
 * by {@code applied_events}).
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    @Inject
    Projector projector;
    @Inject
    ConsumerProgress progress;

    @Incoming("chat")
    @Blocking
    public void chat(ConsumerRecord<String, EventEnvelope> record) {
        consume(record);
    }

    @Incoming("interaction")
    @Blocking
    public void interaction(ConsumerRecord<String, EventEnvelope> record) {
        consume(record);
    }

    private void consume(ConsumerRecord<String, EventEnvelope> record) {
        EventEnvelope event = record.value();
        if (event == null) {
            // A tombstone or a value that was not an envelope (logged by the deserializer): nothing to apply.
            LOG.warnf("skipping record %s-%d@%d without an event envelope", record.topic(), record.partition(),
                    record.offset());
        } else if (!projector.apply(event)) {
            LOG.debugf("event %s (%s) was applied before; redelivery ignored", event.eventId(), event.type());
        }
        progress.processed(record.topic(), record.partition(), record.offset(),
                event == null ? null : event.occurredAt(), event == null ? null : event.partnerId());
    }
}
