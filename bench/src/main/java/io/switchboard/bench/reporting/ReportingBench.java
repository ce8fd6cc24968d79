package io.switchboard.bench.reporting;

import io.switchboard.events.EventCodec;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.chat.ChatEvents;
import io.switchboard.events.kafka.EnvelopeDeserializer;
import io.switchboard.events.kafka.EnvelopeRecords;
import io.switchboard.reporting.projection.BatchProjector;
import io.switchboard.testing.RealKafka;
import io.switchboard.testing.RealPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the reporting benchmarks share: the real Kafka and PostgreSQL of libs/testing (or
 * {@code SWITCHBOARD_TEST_KAFKA_BOOTSTRAP} / {@code SWITCHBOARD_TEST_PG_URL}), a fresh reporting database
 * with the service's own Flyway scripts, a producer, and the service's consume loop without Quarkus:
 * poll a batch, apply it with {@link BatchProjector} in one transaction, commit the offsets.
 */
final class ReportingBench {
    /** The first version's way, for comparison: one transaction per event. */
    static final boolean PER_EVENT = Boolean.parseBoolean(System.getenv().getOrDefault("BENCH_PER_EVENT", "false"));
    static final int CONSUMERS = Integer.parseInt(System.getenv().getOrDefault("BENCH_CONSUMERS", "1"));
    static final int BATCH = Integer.parseInt(System.getenv().getOrDefault("BENCH_BATCH", "2000"));

    private static final java.util.concurrent.atomic.AtomicInteger THREADS = new java.util.concurrent.atomic.AtomicInteger();
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String chatTopic = "bench.chat." + run;
    final String interactionTopic = "bench.interaction." + run;
    final String bootstrap;
    final String jdbcUrl;
    final String user;
    final String password;
    /** Time the consumers spent applying and committing (the rest is polling and decoding). */
    final java.util.concurrent.atomic.AtomicLong databaseNanos = new java.util.concurrent.atomic.AtomicLong();

    ReportingBench(int partitions) throws Exception {
        bootstrap = RealKafka.shared().bootstrapServers();
        // LogAppendTime: a record's timestamp is when the broker appended it, the start of the lag measured.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<String, String> config = Map.of("message.timestamp.type", "LogAppendTime");
            admin.createTopics(List.of(new NewTopic(chatTopic, partitions, (short) 1).configs(config),
                    new NewTopic(interactionTopic, partitions, (short) 1).configs(config))).all().get();
        }
        RealPostgres pg = RealPostgres.shared();
        String database = pg.database("reporting_bench_" + run);
        jdbcUrl = pg.jdbcUrl(database);
        user = pg.user();
        password = pg.password();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String script : List.of("db/migration/V1__projections.sql", "db/migration/V2__change_sequence.sql")) {
                try (InputStream in = BatchProjector.class.getClassLoader().getResourceAsStream(script)) {
                    s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    String topicOf(EventEnvelope e) {
        return ChatEvents.AGGREGATE_TYPE.equals(e.aggregateType()) ? chatTopic : interactionTopic;
    }

    KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "5",
                ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024)), new StringSerializer(),
                new ByteArraySerializer());
    }

    static EnvelopeRecords records() {
        return new EnvelopeRecords(EventCodec.standard());
    }

    /**
     * The reporting consumer for one topic: batches of up to {@link #BATCH} records, each applied in one
     * transaction, offsets committed after it. Stops when {@code done} says so; reports each batch's
     * records to {@code applied} after its commit.
     */
    Thread consumer(String topic, java.util.function.BooleanSupplier done, BatchListener listener) {
        Thread thread = new Thread(() -> {
            BatchProjector projector = new BatchProjector(BatchProjector.all());
            try (Connection c = connect();
                 KafkaConsumer<String, EventEnvelope> consumer = new KafkaConsumer<>(Map.of(
                         ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                         ConsumerConfig.GROUP_ID_CONFIG, "bench-reporting-" + topic,
                         ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                         ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                         ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(BATCH),
                         ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50",
                         ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024)),
                         new StringDeserializer(), new EnvelopeDeserializer())) {
                c.setAutoCommit(false);
                consumer.subscribe(List.of(topic));
                while (!done.getAsBoolean()) {
                    ConsumerRecords<String, EventEnvelope> records = consumer.poll(Duration.ofMillis(100));
                    if (records.isEmpty()) {
                        continue;
                    }
                    List<EventEnvelope> events = new ArrayList<>(records.count());
                    records.forEach(r -> events.add(r.value()));
                    long applyStart = System.nanoTime();
                    if (PER_EVENT) {
                        for (EventEnvelope event : events) {
                            projector.apply(c, List.of(event));
                            c.commit();
                        }
                    } else {
                        projector.apply(c, events);
                        c.commit();
                    }
                    databaseNanos.addAndGet(System.nanoTime() - applyStart);
                    long committedAt = System.currentTimeMillis();
                    consumer.commitAsync();
                    listener.committed(records, committedAt);
                }
            } catch (Exception e) {
                throw new IllegalStateException("consumer of " + topic + " failed", e);
            }
        }, "reporting-" + topic + "-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    interface BatchListener {
        void committed(ConsumerRecords<String, EventEnvelope> records, long committedAtMillis);
    }

    long count(String table) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The 1-minute load average and the machine's cores, to judge figures taken on a shared machine. */
    static String load() {
        try {
            String[] avg = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return "load average " + avg[0] + " " + avg[1] + " " + avg[2] + " on "
                    + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException e) {
            return "load average unknown";
        }
    }

    static Map<TopicPartition, Long> endOffsets(String bootstrap, List<String> topics) {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                c.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            return new HashMap<>(c.endOffsets(partitions));
        }
    }
}
