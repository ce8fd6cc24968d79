package io.switchboard.consumer;

import java.time.Duration;
import java.util.Map;

/**
 * What every loop of a service shares: the Kafka client configuration (bootstrap servers and whatever
 * else the application's {@code kafka.*} says), the back-off, how long a loop may fail before it counts as
 * stuck (health DOWN), how often the log-end offsets are refreshed, and how long a loop that just received
 * records waits before it asks for more ({@code linger}: under load the broker answers each consumer's fetch
 * with whatever one producer batch brought — one event, often; waiting lets records gather, so the loop
 * fetches, decodes, applies and commits in batches. An idle loop never lingers: its fetch waits at the broker
 * and returns as soon as a record arrives).
 */
public record ConsumerSettings(Map<String, Object> kafka, Backoff backoff, Duration stuckAfter, Duration refresh,
                               Duration linger) {
    public ConsumerSettings {
        kafka = Map.copyOf(kafka);
    }

    /** Adds at most this much to a hop's latency under load. */
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(20);

    public static ConsumerSettings of(String bootstrapServers) {
        return new ConsumerSettings(Map.of("bootstrap.servers", bootstrapServers), Backoff.DEFAULT,
                Duration.ofMinutes(1), Duration.ofMillis(500), DEFAULT_LINGER);
    }

    public ConsumerSettings withBackoff(Backoff backoff) {
        return new ConsumerSettings(kafka, backoff, stuckAfter, refresh, linger);
    }

    public ConsumerSettings withStuckAfter(Duration stuckAfter) {
        return new ConsumerSettings(kafka, backoff, stuckAfter, refresh, linger);
    }

    public ConsumerSettings withLinger(Duration linger) {
        return new ConsumerSettings(kafka, backoff, stuckAfter, refresh, linger);
    }
}
