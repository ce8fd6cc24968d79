package io.switchboard.events;

import java.util.Objects;

/** The (type, version) pair that identifies a payload schema on the wire. */
public record EventTypeId(String type, int version) {
    public EventTypeId {
        Objects.requireNonNull(type, "type");
        if (type.isBlank()) {
            throw new IllegalArgumentException("event type must not be blank");
        }
        if (version < 1) {
            throw new IllegalArgumentException("event version must be >= 1, was " + version);
        }
    }

    @Override
    public String toString() {
        return type + " v" + version;
    }
}
