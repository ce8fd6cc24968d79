package io.switchboard.bench;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventCodec;
import io.switchboard.events.chat.ChatEvents.MessageSent;
import io.switchboard.eventstore.AppendResult;
import io.switchboard.eventstore.ConcurrencyConflictException;
import io.switchboard.eventstore.EventContext;
import io.switchboard.eventstore.EventStore;
import io.switchboard.eventstore.EventStoreSchema;
import io.switchboard.eventstore.EventStream;
import io.switchboard.eventstore.StreamId;
import io.switchboard.eventstore.decider.CommandHandler;
import io.switchboard.eventstore.decider.Decider;
import io.switchboard.eventstore.decider.RetriesOnConflict;
import io.switchboard.eventstore.decider.StreamLocks;
import io.switchboard.testing.RealPostgres;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many commands on one stream at once — 50 messages posted to one chat together — under four ways of
 * handling the optimistic-concurrency race:
 *
 * <ol>
 *   <li>{@code retry x5}: the former {@code CommandHandler}: a lost race is retried at once, at most 5
 *       attempts, then 409;</li>
 *   <li>{@code retry+backoff}: retried after a "full jitter" back-off until a 10 s budget is spent, every
 *       command on its own (as if each came to a different instance);</li>
 *   <li>{@code serialised}: the current {@code CommandHandler}: one stream's commands run one after
 *       another in this instance, plus the back-off retry;</li>
 *   <li>{@code serialised x3}: the same with the commands spread over three "instances" (three
 *       separate {@link StreamLocks}), which race each other.</li>
 * </ol>
 *
 * Printed per mode: commands answered 2xx / 409 of all, loads of the stream and lost races per command,
 * latency p50/p99/max, and the wall time of a burst. Each burst starts on a fresh stream (one
 * {@code ChatCreated}-like head) — a chat's messages then make the stream grow as in production.
 *
 * <p>Knobs: {@code BENCH_COMMANDS} per burst (50), {@code BENCH_BURSTS} per mode (20), {@code BENCH_POOL}
 * connections (20, the services' default), {@code SWITCHBOARD_TEST_PG_URL}.
 */
public final class CommandContentionBenchmark {
    private final int commands;
    private final int bursts;
    private final CountingStore store;

    private CommandContentionBenchmark(Pool pool, int commands, int bursts) {
        this.store = new CountingStore(pool);
        this.commands = commands;
        this.bursts = bursts;
    }

    public static void main(String[] args) {
        int commands = Integer.parseInt(System.getenv().getOrDefault("BENCH_COMMANDS", "50"));
        int bursts = Integer.parseInt(System.getenv().getOrDefault("BENCH_BURSTS", "20"));
        int poolSize = Integer.parseInt(System.getenv().getOrDefault("BENCH_POOL", "20"));
        RealPostgres postgres = RealPostgres.shared();
        String db = postgres.database("bench_contention");
        EventStoreSchema.migrate(postgres.jdbcUrl(db), postgres.user(), postgres.password());
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(poolSize))
                .connectingTo(new PgConnectOptions().setHost(postgres.host()).setPort(postgres.port())
                        .setDatabase(db).setUser(postgres.user()).setPassword(postgres.password())
                        .setCachePreparedStatements(true))
                .using(vertx).build();
        try {
            System.out.printf("Command contention: %d commands at once on one stream, %d bursts per mode, pool of %d,"
                    + " %d cores%n", commands, bursts, poolSize, Runtime.getRuntime().availableProcessors());
            CommandContentionBenchmark bench = new CommandContentionBenchmark(pool, commands, bursts);
            bench.run("warm-up", bench.serialised(1), Math.max(2, bursts / 4), false);
            System.out.printf("%-15s | %6s %6s | %11s %11s | %8s %8s %8s | %9s%n", "mode", "2xx", "409",
                    "loads/cmd", "races/cmd", "p50 ms", "p99 ms", "max ms", "burst ms");
            bench.run("retry x5", bench.formerHandler(), bursts, true);
            bench.run("retry+backoff", bench.backoffOnly(), bursts, true);
            bench.run("serialised", bench.serialised(1), bursts, true);
            bench.run("serialised x3", bench.serialised(3), bursts, true);
        } finally {
            pool.closeAndAwait();
            vertx.closeAndAwait();
        }
        System.exit(0);
    }

    /** How the i-th command of a burst is handled. */
    private interface Mode {
        Uni<?> handle(int i, StreamId stream, Append command);
    }

    private Mode formerHandler() {
        return (i, stream, command) -> formerAttempt(stream, command, 1);
    }

    /** What {@code CommandHandler} did before: retry a lost race at once, 5 attempts in all. */
    private Uni<Object> formerAttempt(StreamId stream, Append command, int attempt) {
        return store.load("bench", stream).flatMap(loaded -> {
            long messages = loaded.version();
            return store.append("bench", stream, loaded.version(), DECIDER.decide(command, messages), EventContext.none())
                    .map(appended -> (Object) appended);
        }).onFailure(ConcurrencyConflictException.class).recoverWithUni(conflict -> attempt < 5
                ? formerAttempt(stream, command, attempt + 1) : Uni.createFrom().failure(conflict));
    }

    private Mode backoffOnly() {
        return (i, stream, command) -> new CommandHandler<>(store, DECIDER, DomainEvent.class,
                CommandHandler.DEFAULT_RETRY_BUDGET, StreamLocks.separate()).handle("bench", stream, command, EventContext.none());
    }

    private Mode serialised(int instances) {
        List<CommandHandler<Append, Long, DomainEvent>> handlers = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            handlers.add(new CommandHandler<>(store, DECIDER, DomainEvent.class, CommandHandler.DEFAULT_RETRY_BUDGET,
                    StreamLocks.separate()));
        }
        return (i, stream, command) -> handlers.get(i % instances).handle("bench", stream, command, EventContext.none());
    }

    private void run(String name, Mode mode, int bursts, boolean print) {
        Histogram latency = new Histogram(3);
        long ok = 0;
        long conflicts = 0;
        long burstNanos = 0;
        store.loads.set(0);
        store.races.set(0);
        for (int burst = 0; burst < bursts; burst++) {
            StreamId stream = new StreamId("chat", UUID.randomUUID().toString());
            store.append("bench", stream, 0, List.of(message(0)), EventContext.none()).await().indefinitely();
            long started = System.nanoTime();
            List<Uni<Object>> inFlight = new ArrayList<>();
            for (int i = 0; i < commands; i++) {
                long submitted = System.nanoTime();
                inFlight.add(mode.handle(i, stream, new Append()).<Object>map(result -> true)
                        .onFailure().recoverWithItem(failure -> failure)
                        .invoke(() -> latency.recordValue(Math.max(1, (System.nanoTime() - submitted) / 1_000))));
            }
            List<Object> outcomes = Uni.join().all(inFlight).andFailFast().await().indefinitely();
            burstNanos += System.nanoTime() - started;
            for (Object outcome : outcomes) {
                if (Boolean.TRUE.equals(outcome)) {
                    ok++;
                } else if (outcome instanceof ConcurrencyConflictException) {
                    conflicts++;
                } else {
                    throw new IllegalStateException("unexpected outcome", (Throwable) outcome);
                }
            }
        }
        long total = (long) commands * bursts;
        if (print) {
            System.out.printf("%-15s | %5.1f%% %5.1f%% | %11.1f %11.1f | %8.1f %8.1f %8.1f | %9.1f%n", name,
                    100.0 * ok / total, 100.0 * conflicts / total, (double) store.loads.get() / total,
                    (double) store.races.get() / total, latency.getValueAtPercentile(50) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0,
                    burstNanos / 1e6 / bursts);
        }
    }

    /** "Send a message": its number is one more than the messages the stream has. */
    private record Append() implements RetriesOnConflict {
    }

    private static MessageSent message(long number) {
        return new MessageSent(1, number, 1, "end_user", "42", null, "text", "message " + number, Map.of(),
                Instant.now(), null);
    }

    private static final Decider<Append, Long, DomainEvent> DECIDER = new Decider<>() {
        @Override
        public Long initialState() {
            return 0L;
        }

        @Override
        public List<DomainEvent> decide(Append command, Long messages) {
            return List.of(message(messages));
        }

        @Override
        public Long evolve(Long messages, DomainEvent event) {
            return messages + 1;
        }
    };

    /** The real event store, counting stream loads and lost races. */
    private static final class CountingStore extends EventStore {
        final AtomicLong loads = new AtomicLong();
        final AtomicLong races = new AtomicLong();

        CountingStore(Pool pool) {
            super(pool, EventCodec.standard());
        }

        @Override
        public Uni<EventStream> load(String partnerId, StreamId streamId) {
            loads.incrementAndGet();
            return super.load(partnerId, streamId);
        }

        @Override
        public Uni<AppendResult> append(String partnerId, StreamId streamId, long expectedVersion,
                                        List<? extends DomainEvent> events, EventContext context) {
            return super.append(partnerId, streamId, expectedVersion, events, context)
                    .onFailure(ConcurrencyConflictException.class).invoke(races::incrementAndGet);
        }
    }
}
