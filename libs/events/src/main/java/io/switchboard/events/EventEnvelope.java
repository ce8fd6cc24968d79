package io.switchboard.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * What travels on Kafka for every event: identity, origin, ordering, tenancy and the payload.
 *
 * @param eventId       unique id of this event (also the Kafka header {@code id})
 * @param type          payload type name, e.g. {@code ChatCreated}
 * @param version       payload schema version
 * @param aggregateType the stream type, e.g. {@code chat}
 * @param aggregateId   the stream id; the Kafka key, so one aggregate's events stay ordered
 * @param sequence      the aggregate's version after this event (1 for the first)
 * @param partnerId     the partner (tenant) the event belongs to
 * @param occurredAt    when it happened, UTC, millisecond precision
 * @param causationId   the event or command that caused this one, if any
 * @param correlationId the conversation of messages this one belongs to, if any
 * @param data          the payload
 */
public record EventEnvelope(
        UUID eventId,
        String type,
        int version,
        String aggregateType,
        String aggregateId,
        long sequence,
        String partnerId,
        Instant occurredAt,
        UUID causationId,
        UUID correlationId,
        DomainEvent data) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(data, "data");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, was " + version);
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be >= 1, was " + sequence);
        }
        // The wire format carries milliseconds; truncating here keeps a decoded envelope equal to its source.
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MILLIS);
    }

    public EventTypeId typeId() {
        return new EventTypeId(type, version);
    }

    /** The payload as the given class, or a ClassCastException naming both types. */
    public <T extends DomainEvent> T dataAs(Class<T> expected) {
        if (!expected.isInstance(data)) {
            throw new ClassCastException("event " + eventId + " carries " + data.getClass().getName()
                    + ", not " + expected.getName());
        }
        return expected.cast(data);
    }
}
