package io.switchboard.bench;

import io.switchboard.events.EventCodec;
import io.switchboard.events.Topics;
import io.switchboard.events.interaction.CallEvents.CallHeld;
import io.switchboard.eventstore.AppendResult;
import io.switchboard.eventstore.EventStore;
import io.switchboard.eventstore.StreamId;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Commit → consumer latency through the running local stack (deploy/local/switchboard up): events
 * appended one at a time to the interaction service's event store at a steady rate, each timed from
 * the moment its append returned to the moment a Kafka consumer of {@code switchboard.interaction}
 * received it through Debezium. Knobs: {@code BENCH_EVENTS} (1000), {@code BENCH_RATE} per second (100),
 * {@code SWITCHBOARD_PG_PORT} (15432), {@code SWITCHBOARD_KAFKA_PORT} (9092); the database password is
 * {@code SWITCHBOARD_INTERACTION_DB_PASSWORD}, else the one the launcher generated
 * ({@code $SWITCHBOARD_STATE/secrets/secrets.env}, default {@code .state/} of the working directory).
 */
public final class OutboxLatencyBenchmark {
    static String interactionDbPassword() throws java.io.IOException {
        String name = "SWITCHBOARD_INTERACTION_DB_PASSWORD";
        String fromEnv = System.getenv(name);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        java.nio.file.Path file = java.nio.file.Path.of(System.getenv().getOrDefault("SWITCHBOARD_STATE", ".state"),
                "secrets", "secrets.env");
        return java.nio.file.Files.readAllLines(file).stream().filter(l -> l.startsWith(name + "="))
                .map(l -> l.substring(name.length() + 1)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + name + " in the environment or " + file));
    }

    public static void main(String[] args) throws Exception {
        int events = Integer.parseInt(System.getenv().getOrDefault("BENCH_EVENTS", "1000"));
        int rate = Integer.parseInt(System.getenv().getOrDefault("BENCH_RATE", "100"));
        int pgPort = Integer.parseInt(System.getenv().getOrDefault("SWITCHBOARD_PG_PORT", "15432"));
        String kafka = "127.0.0.1:" + System.getenv().getOrDefault("SWITCHBOARD_KAFKA_PORT", "9092");
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
                .connectingTo(new PgConnectOptions().setHost("127.0.0.1").setPort(pgPort)
                        .setDatabase("interaction").setUser("interaction").setPassword(interactionDbPassword()))
                .using(vertx).build();
        EventStore store = new EventStore(pool, EventCodec.standard());
        Map<UUID, Long> committedAt = new ConcurrentHashMap<>();
        Histogram latency = new Histogram(3);
        long callId = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        StreamId call = StreamId.of("call", callId);

        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.GROUP_ID_CONFIG, "latency-bench-" + UUID.randomUUID(),
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INTERACTION, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(Topics.INTERACTION, p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + Topics.INTERACTION + " does not exist: is the stack up?");
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            Thread writer = new Thread(() -> {
                long intervalNanos = 1_000_000_000L / rate;
                long next = System.nanoTime();
                for (int version = 0; version < events; version++) {
                    while (System.nanoTime() < next) {
                        Thread.onSpinWait();
                    }
                    next += intervalNanos;
                    AppendResult result = store.append("bench", call, version, List.of(new CallHeld(callId, Instant.now())))
                            .await().indefinitely();
                    committedAt.put(result.envelopes().get(0).eventId(), System.nanoTime());
                }
            }, "writer");
            writer.start();
            int received = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(events / rate + 60).toNanos();
            while (received < events && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    if (!call.value().equals(record.key())) {
                        continue;
                    }
                    UUID id = EventCodec.standard().decode(record.value()).eventId();
                    Long committed = committedAt.get(id);
                    // The consumer can see an event a hair before the writer thread records its commit time.
                    latency.recordValue(Math.max(0, now - (committed == null ? now : committed)));
                    received++;
                }
            }
            writer.join();
            System.out.printf("Outbox → Kafka latency over %d events at %d/s (received %d): p50 %.1f ms, p90 %.1f ms,"
                            + " p99 %.1f ms, max %.1f ms%n", events, rate, received,
                    latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(90) / 1e6,
                    latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6);
        } finally {
            pool.closeAndAwait();
            vertx.closeAndAwait();
        }
        System.exit(0);
    }
}
