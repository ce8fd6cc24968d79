package io.switchboard.reporting.dataapi;

import io.agroal.api.AgroalDataSource;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.Topics;
import io.switchboard.events.chat.ChatEvents;
import io.switchboard.events.interaction.CallEvents;
import io.switchboard.events.media.MediaEvents;
import io.switchboard.events.redaction.RedactionEvents;
import io.switchboard.reporting.AppliedEvents;
import io.switchboard.testing.events.EnvelopePublisher;
import io.switchboard.testing.events.TestEnvelopes;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** Produces envelopes to the real broker, to their service's topic, and waits until reporting applied them. */
final class DataFeed {
    private DataFeed() {
    }

    static void sendAndAwait(AgroalDataSource dataSource, String partner, List<EventEnvelope> events) {
        long before = applied(dataSource, partner);
        try (EnvelopePublisher publisher = new EnvelopePublisher(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            events.forEach(e -> publisher.publish(topicOf(e), e));
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> applied(dataSource, partner) >= before + events.size());
    }

    static EventEnvelope event(String partner, String aggregateType, long id, long sequence, DomainEvent data, Instant at) {
        return TestEnvelopes.of(data).partner(partner).aggregate(aggregateType, id).sequence(sequence).at(at).build();
    }

    private static long applied(AgroalDataSource dataSource, String partner) {
        try {
            return AppliedEvents.count(dataSource, partner);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String topicOf(EventEnvelope event) {
        if (MediaEvents.PHOTO.equals(event.aggregateType()) || MediaEvents.VIDEO.equals(event.aggregateType())) {
            return Topics.MEDIA;
        }
        if (RedactionEvents.AGGREGATE_TYPE.equals(event.aggregateType())) {
            return Topics.REDACTION;
        }
        return ChatEvents.AGGREGATE_TYPE.equals(event.aggregateType()) ? Topics.CHAT : Topics.INTERACTION;
    }

    static String callType() {
        return CallEvents.AGGREGATE_TYPE;
    }
}
