package io.switchboard.eventstore;

import java.util.Objects;

/**
 * Identifies one aggregate's stream. One service's store holds several aggregate types (calls,
 * agents, ...), so the stored id is {@code <type>-<id>}: unique within the store, and the Kafka key
 * that keeps one aggregate's events on one partition.
 */
public record StreamId(String type, String id) {
    public StreamId {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        if (!type.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("stream type must be lower_snake_case: " + type);
        }
        if (id.isBlank()) {
            throw new IllegalArgumentException("stream id must not be blank");
        }
    }

    public static StreamId of(String type, long id) {
        return new StreamId(type, Long.toString(id));
    }

    public String value() {
        return type + "-" + id;
    }

    @Override
    public String toString() {
        return value();
    }
}
