package io.switchboard.eventstore;

import io.switchboard.events.EventEnvelope;

import java.util.List;

/** A loaded stream: its events in order and its current version (0 if it has none). */
public record EventStream(StreamId streamId, long version, List<EventEnvelope> events) {
    public EventStream {
        events = List.copyOf(events);
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }
}
