package io.switchboard.testing.events;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventCodec;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.EventTypeId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The one way tests build an envelope by hand. The aggregate id follows the event store's convention,
 * {@code <aggregateType>-<id>} (libs/eventstore {@code StreamId.value()}): it is the Kafka key, so an
 * envelope built here lands on the partition its aggregate's real events land on. Type and version come
 * from the standard registry.
 */
public final class TestEnvelopes {
    private TestEnvelopes() {
    }

    /** The Kafka key (and aggregate id) of aggregate {@code id} of {@code aggregateType}. */
    public static String key(String aggregateType, Object id) {
        return aggregateType + "-" + id;
    }

    /** An envelope of {@code partnerId}'s aggregate {@code aggregateType}/{@code id}, stamped now. */
    public static EventEnvelope envelope(String partnerId, String aggregateType, Object id, long sequence,
                                         DomainEvent event) {
        return of(event).partner(partnerId).aggregate(aggregateType, id).sequence(sequence).build();
    }

    /** A builder for everything else an envelope carries (time, causation, correlation, event id). */
    public static Builder of(DomainEvent event) {
        return new Builder(event);
    }

    /**
     * A builder that starts as a copy of {@code envelope} (same event id, stream, sequence, time and
     * causation): e.g. the same events re-addressed to another partner with {@link Builder#partner}.
     */
    public static Builder from(EventEnvelope envelope) {
        Builder builder = new Builder(envelope.data());
        builder.eventId = envelope.eventId();
        builder.partnerId = envelope.partnerId();
        builder.aggregateType = envelope.aggregateType();
        builder.aggregateId = envelope.aggregateId();
        builder.sequence = envelope.sequence();
        builder.occurredAt = envelope.occurredAt();
        builder.causationId = envelope.causationId();
        builder.correlationId = envelope.correlationId();
        return builder;
    }

    public static final class Builder {
        private final DomainEvent event;
        private UUID eventId = UUID.randomUUID();
        private String partnerId = "acme";
        private String aggregateType = "test";
        private String aggregateId = key("test", 1);
        private long sequence = 1;
        private Instant occurredAt;
        private UUID causationId;
        private UUID correlationId;

        private Builder(DomainEvent event) {
            this.event = event;
        }

        public Builder eventId(UUID value) {
            eventId = value;
            return this;
        }

        public Builder partner(String value) {
            partnerId = value;
            return this;
        }

        public Builder aggregate(String type, Object id) {
            aggregateType = type;
            aggregateId = key(type, id);
            return this;
        }

        public Builder sequence(long value) {
            sequence = value;
            return this;
        }

        public Builder at(Instant value) {
            occurredAt = value;
            return this;
        }

        public Builder causation(UUID value) {
            causationId = value;
            return this;
        }

        public Builder correlation(UUID value) {
            correlationId = value;
            return this;
        }

        public EventEnvelope build() {
            EventTypeId type = EventCodec.standard().registry().idOf(event);
            Instant at = occurredAt != null ? occurredAt : Instant.now().truncatedTo(ChronoUnit.MILLIS);
            return new EventEnvelope(eventId, type.type(), type.version(), aggregateType, aggregateId, sequence,
                    partnerId, at, causationId, correlationId, event);
        }
    }
}
