package io.switchboard.eventstore;

import java.util.Map;
import java.util.UUID;

/**
 * What a write knows about why it happens: the causing message, the correlation it belongs to, and
 * transport metadata (e.g. {@code traceparent}) stored beside the events, never inside them.
 */
public record EventContext(UUID causationId, UUID correlationId, Map<String, String> metadata) {
    private static final EventContext NONE = new EventContext(null, null, Map.of());

    public EventContext {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static EventContext none() {
        return NONE;
    }
}
