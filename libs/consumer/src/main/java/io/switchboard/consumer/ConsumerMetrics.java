package io.switchboard.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A loop's meters, tagged {@code consumer} (the loop) and {@code read_model}: events applied, duplicates
 * dropped, retries, records parked (counters); seconds stuck, parked records in the table, records behind
 * the log end, and per source the age of the newest heartbeat applied (gauges).
 */
final class ConsumerMetrics {
    static final String APPLIED = "switchboard.consumer.applied";
    static final String DUPLICATES = "switchboard.consumer.duplicates";
    static final String RETRIES = "switchboard.consumer.retries";
    static final String PARKED = "switchboard.consumer.parked";
    static final String PARKED_TOTAL = "switchboard.consumer.parked.total";
    static final String STUCK = "switchboard.consumer.stuck.seconds";
    static final String LAG = "switchboard.consumer.lag.records";
    static final String HEARTBEAT_AGE = "switchboard.consumer.heartbeat.age.seconds";

    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter applied;
    private final Counter duplicates;
    private final Counter retries;
    private final Counter parked;
    private final Set<String> sources = ConcurrentHashMap.newKeySet();

    ConsumerMetrics(MeterRegistry registry, String consumer, String readModel, ReadModelConsumer loop) {
        this.registry = registry;
        this.tags = Tags.of("consumer", consumer, "read_model", readModel);
        applied = Counter.builder(APPLIED).description("events applied to the read model").tags(tags).register(registry);
        duplicates = Counter.builder(DUPLICATES).description("redelivered events dropped (applied before)").tags(tags)
                .register(registry);
        retries = Counter.builder(RETRIES).description("failed attempts to apply a batch, retried").tags(tags)
                .register(registry);
        parked = Counter.builder(PARKED).description("undecodable records parked in consumer_dead_letters").tags(tags)
                .register(registry);
        // A loop started again under the same name (a restart in the same registry) reports itself, not its predecessor.
        for (String gauge : new String[] {PARKED_TOTAL, STUCK, LAG, HEARTBEAT_AGE}) {
            registry.find(gauge).tags(tags).meters().forEach(registry::remove);
        }
        Gauge.builder(PARKED_TOTAL, loop, l -> l.status().parked()).tags(tags)
                .description("records of this consumer in consumer_dead_letters").register(registry);
        Gauge.builder(STUCK, loop, l -> l.status().stuckSeconds()).tags(tags)
                .description("seconds the current batch has been failing (0 when applying normally)").register(registry);
        Gauge.builder(LAG, loop, l -> l.status().lagRecords()).tags(tags)
                .description("records between the applied position and the log end, at the last refresh").register(registry);
    }

    void applied(int events, int duplicateEvents) {
        applied.increment(events);
        duplicates.increment(duplicateEvents);
    }

    void retried() {
        retries.increment();
    }

    void parked(int records) {
        parked.increment(records);
    }

    void heartbeatSources(Map<String, Instant> newest, Supplier<Map<String, Instant>> current,
                          java.time.Clock clock) {
        for (String source : newest.keySet()) {
            if (sources.add(source)) {
                Gauge.builder(HEARTBEAT_AGE, current, c -> {
                            Instant at = c.get().get(source);
                            return at == null ? Double.NaN : (clock.millis() - at.toEpochMilli()) / 1000.0;
                        }).tags(tags.and("source", source))
                        // The supplier is a method reference nobody else holds: weakly held, it would be
                        // collected and the gauge would read NaN.
                        .strongReference(true)
                        .description("age of the newest heartbeat applied from the source").register(registry);
            }
        }
    }
}
