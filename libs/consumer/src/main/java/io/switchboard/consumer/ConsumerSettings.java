package io.switchboard.consumer;

import java.time.Duration;
import java.util.Map;

/**
 * What every loop of a service shares: the Kafka client configuration (bootstrap servers and whatever
 * else the application's {@code kafka.*} says), the back-off, how long a loop may fail before it counts as
 * stuck (health DOWN), and how often the log-end offsets are refreshed.
 */
public record ConsumerSettings(Map<String, Object> kafka, Backoff backoff, Duration stuckAfter, Duration refresh) {
    public ConsumerSettings {
        kafka = Map.copyOf(kafka);
    }

    public static ConsumerSettings of(String bootstrapServers) {
        return new ConsumerSettings(Map.of("bootstrap.servers", bootstrapServers), Backoff.DEFAULT,
                Duration.ofMinutes(1), Duration.ofMillis(500));
    }

    public ConsumerSettings withBackoff(Backoff backoff) {
        return new ConsumerSettings(kafka, backoff, stuckAfter, refresh);
    }

    public ConsumerSettings withStuckAfter(Duration stuckAfter) {
        return new ConsumerSettings(kafka, backoff, stuckAfter, refresh);
    }
}
