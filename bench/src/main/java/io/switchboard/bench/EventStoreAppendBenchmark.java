package io.switchboard.bench;

import io.switchboard.events.EventCodec;
import io.switchboard.events.chat.ChatEvents.MessageSent;
import io.switchboard.eventstore.AppendRows;
import io.switchboard.eventstore.EventContext;
import io.switchboard.eventstore.EventStore;
import io.switchboard.eventstore.EventStoreSchema;
import io.switchboard.eventstore.StreamId;
import io.switchboard.eventstore.Uuids;
import io.switchboard.testing.RealPostgres;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event-store append throughput and latency at 1, 8 and 32 concurrent writers, for single-event
 * commits and 10-event batches, beside a plain INSERT of the same rows into a table of the same shape
 * (same indexes and constraints) in the same PostgreSQL at the same concurrency: the same multi-row
 * statement without the optimistic-concurrency check, so the ratio is what that check costs. Each writer appends
 * to its own streams (a new stream every 100 events), as independent aggregates would.
 *
 * <p>Store and plain runs alternate for {@code BENCH_ROUNDS} rounds per scenario and the median rate
 * is reported (latencies over all rounds), because on a 2-core machine one run varies by ±15 %.
 *
 * <p>Knobs (environment): {@code BENCH_ROUNDS} (default 3), {@code BENCH_SECONDS} measured seconds per
 * run (default 5), {@code BENCH_WARMUP_SECONDS} (default 1), {@code SWITCHBOARD_TEST_PG_URL} to use an
 * existing server.
 */
public final class EventStoreAppendBenchmark {
    private static final int[] WRITERS = {1, 8, 32};
    private static final int[] BATCHES = {1, 10};
    private static final int EVENTS_PER_STREAM = 100;

    /** The best plain way to write N rows: one multi-row INSERT, autocommit, no version check. */
    private static final String PLAIN_INSERT = """
            INSERT INTO plain_events (event_id, stream_id, stream_type, version, event_type, event_version,
                                      partner_id, occurred_at, causation_id, correlation_id, payload, metadata)
            SELECT e.event_id, $2::text, $3::text, e.version, e.event_type, e.event_version, $7::text,
                   $8::timestamptz, $9::uuid, $10::uuid, e.payload::jsonb, $12::text::jsonb
            FROM unnest($1::uuid[], $4::bigint[], $5::text[], $6::int[], $11::text[])
                     AS e(event_id, version, event_type, event_version, payload)""";

    private final Pool pool;
    private final EventStore store;
    private final EventCodec codec = EventCodec.standard();
    private final Duration warmup;
    private final Duration measure;
    private final int rounds;

    private EventStoreAppendBenchmark(Pool pool, Duration warmup, Duration measure, int rounds) {
        this.pool = pool;
        this.store = new EventStore(pool, codec);
        this.warmup = warmup;
        this.measure = measure;
        this.rounds = rounds;
    }

    public static void main(String[] args) {
        Duration measure = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("BENCH_SECONDS", "5")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("BENCH_WARMUP_SECONDS", "1")));
        int rounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUNDS", "3"));
        RealPostgres postgres = RealPostgres.shared();
        String db = postgres.database("bench_eventstore");
        EventStoreSchema.migrate(postgres.jdbcUrl(db), postgres.user(), postgres.password());
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(32))
                .connectingTo(new PgConnectOptions().setHost(postgres.host()).setPort(postgres.port())
                        .setDatabase(db).setUser(postgres.user()).setPassword(postgres.password())
                        .setCachePreparedStatements(true))
                .using(vertx).build();
        try {
            pool.query("DROP TABLE IF EXISTS plain_events").execute().await().indefinitely();
            // Same columns, defaults, identity, constraints and indexes; LIKE copies no triggers.
            pool.query("CREATE TABLE plain_events (LIKE event_store INCLUDING ALL)").execute().await().indefinitely();
            new EventStoreAppendBenchmark(pool, warmup, measure, rounds).run(postgres);
        } finally {
            pool.closeAndAwait();
            vertx.closeAndAwait();
        }
        System.exit(0);
    }

    private void run(RealPostgres postgres) {
        System.out.printf("Event-store append benchmark: PostgreSQL %s at %s:%d, %d rounds of %d s (after %d s warm-up) per"
                        + " side and scenario, median rate, %d cores%n",
                pool.query("SHOW server_version").execute().await().indefinitely().iterator().next().getString(0),
                postgres.host(), postgres.port(), rounds, measure.toSeconds(), warmup.toSeconds(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("%-7s %-7s | %12s %9s %9s | %12s %9s %9s | %6s%n", "writers", "batch",
                "store ev/s", "p50 ms", "p99 ms", "plain ev/s", "p50 ms", "p99 ms", "ratio");
        for (int batch : BATCHES) {
            for (int writers : WRITERS) {
                Histogram storeLatency = new ConcurrentHistogram(3);
                Histogram plainLatency = new ConcurrentHistogram(3);
                double[] storeRates = new double[rounds];
                double[] plainRates = new double[rounds];
                for (int round = 0; round < rounds; round++) {
                    storeRates[round] = measure(writers, batch, this::appendThroughStore, storeLatency);
                    plainRates[round] = measure(writers, batch, this::plainInsert, plainLatency);
                }
                Result storeResult = Result.of(storeRates, storeLatency);
                Result plainResult = Result.of(plainRates, plainLatency);
                System.out.printf("%-7d %-7d | %12.0f %9.2f %9.2f | %12.0f %9.2f %9.2f | %5.0f%%%n", writers, batch,
                        storeResult.eventsPerSecond(), storeResult.p50Millis(), storeResult.p99Millis(),
                        plainResult.eventsPerSecond(), plainResult.p50Millis(), plainResult.p99Millis(),
                        100 * storeResult.eventsPerSecond() / plainResult.eventsPerSecond());
            }
        }
    }

    /** One write of {@code batch} events to the writer's current stream, at its current version. */
    @FunctionalInterface
    private interface Write {
        void apply(StreamId stream, long expectedVersion, List<MessageSent> events);
    }

    private void appendThroughStore(StreamId stream, long expectedVersion, List<MessageSent> events) {
        store.append("bench-partner", stream, expectedVersion, events).await().indefinitely();
    }

    /** The same rows the store would write (envelope encoded the same way), with no version check. */
    private void plainInsert(StreamId stream, long expectedVersion, List<MessageSent> events) {
        AppendRows rows = AppendRows.prepare(codec, "bench-partner", stream, expectedVersion, events,
                EventContext.none(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        pool.preparedQuery(PLAIN_INSERT).execute(rows.parameters()).await().indefinitely();
    }

    /** Events per second of one run; its latencies are added to {@code latencies}. */
    private double measure(int writers, int batch, Write write, Histogram latencies) {
        drive(writers, batch, write, warmup, null);
        long events = drive(writers, batch, write, measure, latencies);
        return events / (double) measure.toSeconds();
    }

    private long drive(int writers, int batch, Write write, Duration duration, Histogram latencies) {
        AtomicLong events = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String writer = Uuids.v7().toString();
            Thread thread = new Thread(() -> {
                int streamNumber = 0;
                long version = 0;
                StreamId stream = new StreamId("bench", writer + "-0");
                while (System.nanoTime() < deadline) {
                    if (version >= EVENTS_PER_STREAM) {
                        stream = new StreamId("bench", writer + "-" + (++streamNumber));
                        version = 0;
                    }
                    List<MessageSent> payload = messages(stream, version, batch);
                    long start = System.nanoTime();
                    write.apply(stream, version, payload);
                    if (latencies != null) {
                        latencies.recordValue(System.nanoTime() - start);
                    }
                    version += batch;
                    events.addAndGet(batch);
                }
            }, "writer-" + w);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return events.get();
    }

    /** Chat messages of a realistic size (about 600 bytes of envelope JSON each). */
    private static List<MessageSent> messages(StreamId stream, long version, int count) {
        List<MessageSent> messages = new ArrayList<>(count);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 1; i <= count; i++) {
            messages.add(new MessageSent(version + i, version + i, 1, "end_user", "end-user-42", "Ann Example", "text",
                    "Hello, I ordered a replacement part last week and it still has not shipped. Order number 123-456.",
                    Map.of("channel", "web"), now, null));
        }
        return messages;
    }

    private record Result(double eventsPerSecond, double p50Millis, double p99Millis) {
        static Result of(double[] rates, Histogram latencies) {
            double[] sorted = rates.clone();
            java.util.Arrays.sort(sorted);
            return new Result(sorted[sorted.length / 2],
                    latencies.getValueAtPercentile(50) / 1e6, latencies.getValueAtPercentile(99) / 1e6);
        }
    }
}
