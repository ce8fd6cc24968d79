package io.switchboard.bench.reporting;

import io.switchboard.bench.load.StackCpu;
import io.switchboard.events.EventCodec;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.chat.ChatEvents;
import io.switchboard.events.kafka.EnvelopeDeserializer;
import io.switchboard.events.kafka.EnvelopeRecords;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.consumer.Batch;
import io.switchboard.consumer.BatchHandler;
import io.switchboard.consumer.ConsumerSettings;
import io.switchboard.consumer.ConsumerSpec;
import io.switchboard.consumer.Ledger;
import io.switchboard.consumer.ReadModelConsumer;
import io.switchboard.reporting.messaging.GroupedBatches;
import io.switchboard.reporting.projection.BatchProjector;
import io.switchboard.reporting.projection.Projector;
import io.switchboard.testing.RealKafka;
import io.switchboard.testing.RealPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the reporting benchmarks share: the real Kafka and PostgreSQL of libs/testing (or
 * {@code SWITCHBOARD_TEST_KAFKA_BOOTSTRAP} / {@code SWITCHBOARD_TEST_PG_URL}), a fresh reporting database
 * with the libraries' and the service's own scripts, a producer, and the service's consume loop without
 * Quarkus: the libs/consumer loop with the service's {@link GroupedBatches} handler.
 */
final class ReportingBench {
    /** The first version's way, for comparison: one transaction per event. */
    static final boolean PER_EVENT = Boolean.parseBoolean(System.getenv().getOrDefault("BENCH_PER_EVENT", "false"));
    static final int BATCH = Integer.parseInt(System.getenv().getOrDefault("BENCH_BATCH", "5000"));
    /** Groups of one batch applied at once (the service's switchboard.reporting.apply-threads). */
    static final int APPLY_THREADS = Integer.parseInt(System.getenv().getOrDefault("BENCH_APPLY_THREADS", "4"));

    private static final java.util.concurrent.atomic.AtomicInteger THREADS = new java.util.concurrent.atomic.AtomicInteger();
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String chatTopic = "bench.chat." + run;
    final String interactionTopic = "bench.interaction." + run;
    final String bootstrap;
    final int partitions;
    /** Records per poll (max.poll.records). */
    final int batch;
    final String jdbcUrl;
    final String user;
    final String password;
    /** Time the consumers spent applying and committing (the rest is polling and decoding). */
    final java.util.concurrent.atomic.AtomicLong databaseNanos = new java.util.concurrent.atomic.AtomicLong();

    ReportingBench(int partitions) throws Exception {
        this(partitions, BATCH);
    }

    ReportingBench(int partitions, int batch) throws Exception {
        this.partitions = partitions;
        this.batch = batch;
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
        // The libraries' tables (consumer_applied_streams among them), then the service's scripts.
        io.switchboard.eventstore.EventStoreSchema.migrate(jdbcUrl, user, password);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            ReportingSchema.apply(s);
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
     * The reporting consumer for one topic, as the service runs it: a libs/consumer loop (a polling thread
     * decodes batches of up to {@link #batch} records into a queue of two while an applying thread applies
     * the previous one; offsets committed after it) whose handler is the service's own {@link GroupedBatches}
     * (the batch split by stream, groups applied in parallel, one transaction each, through
     * {@link Projector}). Started by the caller, closed when done; reports each batch to {@code listener}
     * once all its groups committed.
     */
    ReadModelConsumer consumer(String topic, BatchListener listener) {
        java.util.concurrent.ExecutorService parts = java.util.concurrent.Executors.newFixedThreadPool(APPLY_THREADS,
                task -> {
                    Thread t = new Thread(task, "reporting-apply-" + THREADS.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        ThreadConnections connections = new ThreadConnections(this);
        Projector projector = new Projector(connections);
        GroupedBatches grouped = new GroupedBatches(projector, parts, PER_EVENT ? 1 : APPLY_THREADS);
        BatchHandler handler = batch -> {
            long applyStart = System.nanoTime();
            int applied;
            if (PER_EVENT) {
                applied = 0;
                for (EventEnvelope event : batch.events()) {
                    applied += projector.apply(List.of(event)).size();
                }
            } else {
                applied = grouped.apply(batch);
            }
            databaseNanos.addAndGet(System.nanoTime() - applyStart);
            listener.committed(batch, System.currentTimeMillis());
            return applied;
        };
        return new ReadModelConsumer(ConsumerSpec.named("bench-" + topic)
                .readModel(BatchProjector.READ_MODEL)
                .topics(topic)
                .group("bench-reporting-" + topic)
                .batches(handler)
                .kafka(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batch)
                // As the service: a fetch waits for 64 KB or 50 ms, so a trickle is not cut into
                // single-record batches (each a transaction per group).
                .kafka(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024)
                .kafka(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50)
                .kafka(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024)
                .build(), ConsumerSettings.of(bootstrap), new Ledger(connections), new SimpleMeterRegistry(),
                EventCodec.standard(), Clock.systemUTC());
    }

    interface BatchListener {
        void committed(Batch batch, long committedAtMillis);
    }

    long count(String table) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** CPU time used so far by this JVM (client and the in-JVM broker) and by the PostgreSQL server processes. */
    record Cpu(long jvmNanos, long postgresNanos, Map<String, Long> threadTicks, long[] machineTicks) {
        /** The machine's idle and steal ticks (/proc/stat): idle cores, and time the hypervisor gave to others. */
        private static long[] machine() {
            try {
                String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                return new long[] {Long.parseLong(cpu[4]), Long.parseLong(cpu[8])};
            } catch (IOException | RuntimeException e) {
                return new long[] {0, 0};
            }
        }

        /** CPU ticks of this JVM's threads, grouped by name (as /proc shows it: 15 characters, digits dropped). */
        private static Map<String, Long> threads() {
            Map<String, Long> ticks = new java.util.TreeMap<>();
            java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
            for (java.io.File task : tasks == null ? new java.io.File[0] : tasks) {
                try {
                    String stat = Files.readString(task.toPath().resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(stat.indexOf('(') + 1, close).replaceAll("[0-9#-]+$", "");
                    String[] fields = stat.substring(close + 2).split(" ");
                    ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
            return ticks;
        }

        static Cpu now() {
            long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
            long ticks = 0;
            java.io.File[] procs = new java.io.File("/proc").listFiles((dir, name) -> name.chars().allMatch(Character::isDigit));
            for (java.io.File proc : procs == null ? new java.io.File[0] : procs) {
                try {
                    String stat = Files.readString(proc.toPath().resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    if (!stat.substring(stat.indexOf('(') + 1, close).startsWith("postgres")) {
                        continue;
                    }
                    String[] fields = stat.substring(close + 2).split(" ");
                    // utime, stime, and cutime, cstime: the server's ended backends are reaped into the postmaster's
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                            + Long.parseLong(fields[14]);
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
            return new Cpu(jvm, ticks * 10_000_000L, threads(), machine()); // USER_HZ = 100
        }

        String since(Cpu before, long events) {
            double jvm = (jvmNanos - before.jvmNanos) / 1e9, pg = (postgresNanos - before.postgresNanos) / 1e9;
            return String.format("CPU: JVM (consumers, decoding, in-JVM broker) %.1f s = %.1f us/event, PostgreSQL %.1f s = %.1f us/event;"
                            + " machine idle %.1f s, stolen by the hypervisor %.1f s (core-seconds)",
                    jvm, jvm * 1e6 / events, pg, pg * 1e6 / events, (machineTicks[0] - before.machineTicks[0]) / 100.0,
                    (machineTicks[1] - before.machineTicks[1]) / 100.0);
        }

        /** The JVM threads that used at least 0.5 s of CPU since {@code before}, busiest first. */
        String threadsSince(Cpu before) {
            StringBuilder text = new StringBuilder("JVM threads (CPU s):");
            threadTicks.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - before.threadTicks.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() >= 50)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> text.append(String.format(" %s %.1f;", e.getKey(), e.getValue() / 100.0)));
            return text.toString();
        }
    }

    /** The 1-minute load average and the machine's cores, to judge figures taken on a shared machine. */
    static String load() {
        return "load average " + StackCpu.loadAverage() + " on " + Runtime.getRuntime().availableProcessors() + " cores";
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
