package io.switchboard.consumer;

import io.switchboard.events.EventEnvelope;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The events of one polled batch that reach the read model: decoded, in the order of their partitions,
 * without heartbeats and other system events (partner {@code _system}), which are never domain input.
 *
 * @param events    the events, each aggregate's in order
 * @param replaying true while the consumer is replaying history it had not applied (a new consumer group, a
 *                  rebuild): after this batch, some assigned partition is still short of the log end it had
 *                  when the replay began. A read model that acts on its state (routing) may wait for the end.
 * @param timestamps the Kafka timestamp of each event's record, in the order of {@code events} (for lag
 *                   measurements; not to be modified)
 */
public record Batch(List<EventEnvelope> events, boolean replaying, long[] timestamps) {
    public Batch {
        events = List.copyOf(events);
        if (timestamps.length != events.size()) {
            throw new IllegalArgumentException("one timestamp per event");
        }
    }

    public Batch(List<EventEnvelope> events, boolean replaying) {
        this(events, replaying, new long[events.size()]);
    }

    /** The partners the batch's events belong to, in first-seen order. */
    public Set<String> partners() {
        Set<String> partners = new LinkedHashSet<>();
        events.forEach(e -> partners.add(e.partnerId()));
        return partners;
    }
}
