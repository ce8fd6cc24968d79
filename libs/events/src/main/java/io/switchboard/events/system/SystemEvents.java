package io.switchboard.events.system;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventType;

import java.time.Instant;

/**
 * Events about the pipeline itself rather than a partner's domain. They travel on each writing
 * service's own topic, through the same event store and outbox as its domain events, so a consumer
 * can tell how far the whole path (service → database → Debezium → Kafka → consumer) has delivered.
 */
public final class SystemEvents {
    /** Stream type of heartbeats; the stream id is {@code heartbeat-<source>}. */
    public static final String HEARTBEAT = "heartbeat";
    /**
     * The partner id heartbeats are stored under. It is not a partner: consumers never show it, and
     * no token carries it (partner ids of real partners are lower-case words without a leading underscore).
     */
    public static final String SYSTEM_PARTNER = "_system";

    private SystemEvents() {
    }

    /**
     * The writing service {@code source} (e.g. {@code chat}) was alive and its outbox was being read at
     * {@code emittedAt}. A consumer that has applied this heartbeat has applied every event of that
     * source committed before it on the same partition.
     */
    @EventType(name = "Heartbeat")
    public record Heartbeat(String source, Instant emittedAt) implements DomainEvent {
    }
}
