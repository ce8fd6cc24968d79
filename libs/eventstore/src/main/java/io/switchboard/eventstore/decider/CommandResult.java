package io.switchboard.eventstore.decider;

import io.switchboard.events.EventEnvelope;

import java.util.List;

/** The state after a handled command, the events it wrote (possibly none) and the stream version. */
public record CommandResult<S>(S state, List<EventEnvelope> events, long version) {
    public CommandResult {
        events = List.copyOf(events);
    }
}
