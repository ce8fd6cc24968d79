package io.switchboard.eventstore;

/**
 * An event's envelope is larger than the store accepts ({@code switchboard.eventstore.max-event-bytes}).
 * Nothing of the append was written. The limit keeps every stored event deliverable: each row becomes
 * one Kafka record, and a record above the broker's or Connect's limit could not be published.
 */
public class EventTooLargeException extends RuntimeException {
    private final StreamId streamId;
    private final String eventType;
    private final long bytes;
    private final long limit;

    public EventTooLargeException(StreamId streamId, String eventType, long bytes, long limit) {
        super("event " + eventType + " of stream " + streamId + " is " + bytes + " bytes, more than the "
                + limit + " bytes an event may have");
        this.streamId = streamId;
        this.eventType = eventType;
        this.bytes = bytes;
        this.limit = limit;
    }

    public StreamId streamId() {
        return streamId;
    }

    public String eventType() {
        return eventType;
    }

    public long bytes() {
        return bytes;
    }

    public long limit() {
        return limit;
    }
}
