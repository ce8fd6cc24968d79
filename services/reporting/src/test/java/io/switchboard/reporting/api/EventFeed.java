package io.switchboard.reporting.api;

import io.switchboard.events.EventEnvelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.ChatEvents;
import io.switchboard.events.media.MediaEvents;
import io.switchboard.events.redaction.RedactionEvents;
import io.switchboard.testing.events.EnvelopePublisher;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.List;

/** Produces envelopes to the real broker exactly as the Debezium outbox router would, to their service's topic. */
final class EventFeed implements AutoCloseable {
    private final EnvelopePublisher publisher =
            new EnvelopePublisher(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    static String topicOf(EventEnvelope event) {
        if (MediaEvents.PHOTO.equals(event.aggregateType()) || MediaEvents.VIDEO.equals(event.aggregateType())) {
            return Topics.MEDIA;
        }
        if (RedactionEvents.AGGREGATE_TYPE.equals(event.aggregateType())) {
            return Topics.REDACTION;
        }
        return ChatEvents.AGGREGATE_TYPE.equals(event.aggregateType()) ? Topics.CHAT : Topics.INTERACTION;
    }

    void send(List<EventEnvelope> events) {
        events.forEach(e -> publisher.publish(topicOf(e), e));
    }

    /** Sends the event with another Kafka key, to land it on the partition of that key's aggregate. */
    void sendKeyed(String key, EventEnvelope event) {
        publisher.publishKeyed(topicOf(event), key, event);
    }

    @Override
    public void close() {
        publisher.close();
    }
}
