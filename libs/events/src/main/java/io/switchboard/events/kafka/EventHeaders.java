package io.switchboard.events.kafka;

/**
 * Kafka header names every Switchboard record carries (the Debezium outbox router sets the same ones),
 * so consumers can route or filter without parsing the value.
 */
public final class EventHeaders {
    public static final String ID = "id";
    public static final String TYPE = "type";
    public static final String PARTNER_ID = "partner_id";
    /** W3C trace context, when the write had one. */
    public static final String TRACEPARENT = "traceparent";

    private EventHeaders() {
    }
}
