package io.switchboard.eventstore;

import io.switchboard.events.EventEnvelope;

import java.util.List;

/** What an append wrote: the envelopes, their global positions, and the stream's new version. */
public record AppendResult(StreamId streamId, long version, List<EventEnvelope> envelopes, List<Long> globalPositions) {
    public AppendResult {
        envelopes = List.copyOf(envelopes);
        globalPositions = List.copyOf(globalPositions);
    }
}
