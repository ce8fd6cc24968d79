package io.switchboard.bench.reporting;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.reporting.live.feed.FeedCursor;
import io.switchboard.reporting.live.feed.FeedStore;
import io.switchboard.reporting.live.feed.LiveStreams;
import io.switchboard.reporting.live.feed.StreamConfig;
import io.switchboard.reporting.live.feed.StreamEvent;
import io.switchboard.testing.RealPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.parsetools.RecordParser;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live stream's fan-out: {@code subscribers} SSE clients of one partner while feed rows are committed at
 * {@code rate} rows/s (batches every 10 ms, each with its {@code pg_notify}, as the projection writes them).
 * <b>Ours</b>: the service's {@link LiveStreams} (one LISTEN connection, one reader per partner, bounded queues) behind a
 * Vert.x HTTP server with ONE event loop writing {@code text/event-stream} with the same back-pressure as Quarkus
 * REST (the next event is requested once the previous one is written); the clients run on a second Vert.x with their
 * own event loop. <b>Baseline</b>: every subscriber polls the table itself every {@code BENCH_POLL_MS} (the same
 * query, cursor and xmin rule), all pollers on ONE thread (one core's worth), no HTTP. Prints per configuration:
 * delivered/expected, latency (commit → client received) p50/p99/max, the server's CPU (the event loop and the
 * feed's threads, per-thread CPU time) as a share of one core, and statements/s against PostgreSQL.
 */
public final class SseFanOutBenchmark {
    static final String PARTNER = "bench-live";
    static final int SECONDS = Integer.parseInt(System.getenv().getOrDefault("BENCH_SECONDS", "10"));
    static final int WARMUP = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP_SECONDS", "3"));
    static final long POLL_MS = Long.parseLong(System.getenv().getOrDefault("BENCH_POLL_MS", "100"));
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        List<Integer> subscriberCounts = ints(System.getenv().getOrDefault("BENCH_SUBSCRIBERS", "10,100,1000"));
        List<Integer> rates = ints(System.getenv().getOrDefault("BENCH_RATES", "100,1000"));
        RealPostgres pg = RealPostgres.shared();
        String database = pg.database("live_bench_" + System.nanoTime());
        String url = pg.jdbcUrl(database);
        io.switchboard.eventstore.EventStoreSchema.migrate(url, pg.user(), pg.password());
        try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password()); Statement s = c.createStatement()) {
            ReportingSchema.apply(s);
        }
        ThreadConnections dataSource = new ThreadConnections(() -> DriverManager.getConnection(url, pg.user(), pg.password()));
        System.out.printf("%-8s %6s %6s %12s %8s %8s %8s %9s %8s%n", "mode", "subs", "rate", "delivered", "p50 ms",
                "p99 ms", "max ms", "cpu core", "stmts/s");
        for (int rate : rates) {
            for (int subscribers : subscriberCounts) {
                print("sse", subscribers, rate, sse(dataSource, url, pg, subscribers, rate));
                print("polling", subscribers, rate, polling(dataSource, url, pg, subscribers, rate));
            }
        }
        System.exit(0);
    }

    record Result(long delivered, long expected, Histogram latency, double cpuCores, double statementsPerSecond) {
    }

    static void print(String mode, int subscribers, int rate, Result r) {
        System.out.printf("%-8s %6d %6d %5.1f%% of %4s %8.1f %8.1f %8.1f %8.0f%% %8.0f%n", mode, subscribers, rate,
                100.0 * r.delivered() / Math.max(1, r.expected()), compact(r.expected()),
                r.latency().getValueAtPercentile(50) / 1e3, r.latency().getValueAtPercentile(99) / 1e3,
                r.latency().getMaxValue() / 1e3, r.cpuCores() * 100, r.statementsPerSecond());
    }

    static String compact(long n) {
        return n >= 1_000_000 ? (n / 100_000) / 10.0 + "M" : n >= 1000 ? n / 1000 + "k" : Long.toString(n);
    }

    /** Ours: the service's fan-out behind one event loop, real SSE over HTTP. */
    static Result sse(ThreadConnections dataSource, String url, RealPostgres pg, int subscribers, int rate) throws Exception {
        LiveStreams streams = new LiveStreams(dataSource, config(), null, new ObjectMapper());
        streams.start();
        Vertx serverVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        CompletableFuture<Long> serverThread = new CompletableFuture<>();
        serverVertx.runOnContext(v -> serverThread.complete(Thread.currentThread().getId()));
        HttpServer server = serverVertx.createHttpServer().requestHandler(request -> {
            HttpServerResponse response = request.response().setChunked(true)
                    .putHeader("Content-Type", "text/event-stream");
            serverVertx.<io.smallrye.mutiny.Multi<StreamEvent>>executeBlocking(() ->
                    streams.open(new LiveStreams.Request(PARTNER, Set.of("call"), false, null))).onSuccess(multi ->
                    multi.subscribe().withSubscriber(new Flow.Subscriber<StreamEvent>() {
                        Flow.Subscription subscription;

                        @Override
                        public void onSubscribe(Flow.Subscription s) {
                            subscription = s;
                            response.closeHandler(v -> s.cancel());
                            s.request(1);
                        }

                        @Override
                        public void onNext(StreamEvent e) {
                            String text = e.comment() != null ? ": " + e.comment() + "\n\n"
                                    : "event: " + e.name() + "\nid: " + e.id() + "\ndata: " + e.data() + "\n\n";
                            response.write(text).onComplete(done -> subscription.request(1));
                        }

                        @Override
                        public void onError(Throwable t) {
                            response.end();
                        }

                        @Override
                        public void onComplete() {
                            response.end();
                        }
                    }));
        }).listen(0).toCompletionStage().toCompletableFuture().get();
        int port = server.actualPort();

        ConcurrentHistogram latency = new ConcurrentHistogram(3);
        AtomicLong delivered = new AtomicLong();
        AtomicLong measuringFrom = new AtomicLong(Long.MAX_VALUE);
        HttpClient client = clientVertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(subscribers)
                .setIdleTimeout(0).setKeepAlive(true));
        for (int i = 0; i < subscribers; i++) {
            client.request(HttpMethod.GET, port, "localhost", "/").compose(r -> r.send()).onSuccess(response ->
                    response.handler(RecordParser.newDelimited("\n\n", (Buffer event) -> {
                        long t = sentNanos(event.toString());
                        if (t > 0 && t >= measuringFrom.get()) {
                            latency.recordValue(Math.max(0, (System.nanoTime() - t) / 1000));
                            delivered.incrementAndGet();
                        }
                    })));
        }
        while (streams.subscribers(PARTNER) < subscribers) {
            Thread.onSpinWait();
        }
        long[] cpuBefore = serverCpu(serverThread.get());
        Result result = produce(url, pg, rate, measuringFrom, () -> delivered.get(), latency, subscribers);
        long[] cpuAfter = serverCpu(serverThread.get());
        double cpu = (cpuAfter[0] - cpuBefore[0]) / ((cpuAfter[1] - cpuBefore[1]) * 1.0);
        client.close();
        server.close();
        streams.stop();
        serverVertx.close();
        clientVertx.close();
        return new Result(result.delivered(), result.expected(), result.latency(), cpu, result.statementsPerSecond());
    }

    /** Baseline: each subscriber polls the table itself on one shared thread. */
    static Result polling(ThreadConnections dataSource, String url, RealPostgres pg, int subscribers, int rate) throws Exception {
        FeedStore store = new FeedStore(dataSource);
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bench-poller"));
        FeedCursor head = store.head(PARTNER);
        ConcurrentHistogram latency = new ConcurrentHistogram(3);
        AtomicLong delivered = new AtomicLong();
        AtomicLong statements = new AtomicLong();
        AtomicLong measuringFrom = new AtomicLong(Long.MAX_VALUE);
        for (int i = 0; i < subscribers; i++) {
            FeedCursor[] cursor = {head};
            poller.scheduleWithFixedDelay(() -> {
                try {
                    FeedStore.Page page;
                    do {
                        page = store.after(PARTNER, cursor[0], 500);
                        statements.incrementAndGet();
                        for (var row : page.rows()) {
                            long t = sentNanos(row.body());
                            if (t >= measuringFrom.get()) {
                                latency.recordValue(Math.max(0, (System.nanoTime() - t) / 1000));
                                delivered.incrementAndGet();
                            }
                            cursor[0] = row.cursor();
                        }
                    } while (page.rows().size() == 500);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, i * POLL_MS / subscribers, POLL_MS, TimeUnit.MILLISECONDS);
        }
        long pollerThread = -1;
        CompletableFuture<Long> id = new CompletableFuture<>();
        poller.execute(() -> id.complete(Thread.currentThread().getId()));
        pollerThread = id.get();
        long cpuBefore = THREADS.getThreadCpuTime(pollerThread);
        long wallBefore = System.nanoTime();
        long statementsBefore = statements.get();
        Result result = produce(url, pg, rate, measuringFrom, delivered::get, latency, subscribers);
        double cpu = (THREADS.getThreadCpuTime(pollerThread) - cpuBefore) / ((System.nanoTime() - wallBefore) * 1.0);
        double perSecond = (statements.get() - statementsBefore) / ((System.nanoTime() - wallBefore) / 1e9);
        poller.shutdownNow();
        return new Result(result.delivered(), result.expected(), result.latency(), cpu, perSecond);
    }

    /**
     * Commits {@code rate} rows/s for the warm-up and the measured seconds, then waits up to 5 s for the last ones;
     * returns what was delivered of the measured rows (to every subscriber) and the latency.
     */
    static Result produce(String url, RealPostgres pg, int rate, AtomicLong measuringFrom,
                          java.util.function.LongSupplier delivered, Histogram latency, int subscribers) throws Exception {
        long measuredRows = 0;
        long statements = 0;
        try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password());
             PreparedStatement insert = c.prepareStatement("INSERT INTO live_feed (partner_id, kind, entity_id, body)"
                     + " SELECT ?, 'call', g, jsonb_build_object('callId', g, 't', ?::bigint) FROM generate_series(1, ?) g");
             PreparedStatement notify = c.prepareStatement("SELECT pg_notify('live_feed', ?)")) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            long tick = TimeUnit.MILLISECONDS.toNanos(10);
            long ticks = (WARMUP + SECONDS) * 100L;
            double perTick = rate / 100.0;
            double owed = 0;
            for (long i = 0; i < ticks; i++) {
                long due = start + i * tick;
                while (System.nanoTime() < due) {
                    java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                }
                if (i == WARMUP * 100L) {
                    measuringFrom.set(System.nanoTime());
                }
                owed += perTick;
                int rows = (int) owed;
                owed -= rows;
                if (rows == 0) {
                    continue;
                }
                insert.setString(1, PARTNER);
                insert.setLong(2, System.nanoTime());
                insert.setInt(3, rows);
                insert.executeUpdate();
                notify.setString(1, PARTNER);
                notify.execute();
                c.commit();
                statements++;
                if (i >= WARMUP * 100L) {
                    measuredRows += rows;
                }
            }
        }
        long expected = measuredRows * subscribers;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (delivered.getAsLong() < expected && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return new Result(delivered.getAsLong(), expected, latency, 0, 0);
    }

    /** The producer's send time in a row's body ({@code "t": <nanos>}); jsonb writes {@code "t": 123}. */
    static long sentNanos(String text) {
        int at = text.indexOf("\"t\": ");
        if (at < 0) {
            return -1;
        }
        int from = at + 5;
        int to = from;
        while (to < text.length() && Character.isDigit(text.charAt(to))) {
            to++;
        }
        return to > from ? Long.parseLong(text.substring(from, to)) : -1;
    }

    /** CPU nanoseconds of the server's event loop and the feed's threads, and the wall clock. */
    static long[] serverCpu(long eventLoop) {
        long cpu = Math.max(0, THREADS.getThreadCpuTime(eventLoop));
        for (long id : THREADS.getAllThreadIds()) {
            var info = THREADS.getThreadInfo(id);
            if (info != null && info.getThreadName().startsWith("live-feed-")) {
                cpu += Math.max(0, THREADS.getThreadCpuTime(id));
            }
        }
        return new long[] {cpu, System.nanoTime()};
    }

    static StreamConfig config() {
        return new StreamConfig() {
            public Duration retention() {
                return Duration.ofHours(1);
            }

            public Duration purgeEvery() {
                return Duration.ofMinutes(1);
            }

            public Duration pollInterval() {
                return Duration.ofMillis(500);
            }

            public Duration heartbeat() {
                return Duration.ofSeconds(15);
            }

            public Duration snapshotInterval() {
                return Duration.ofSeconds(1);
            }

            public Duration snapshotMaxAge() {
                return Duration.ofSeconds(10);
            }

            public int maxSubscribersPerPartner() {
                return 100_000;
            }

            public int buffer() {
                return 1000;
            }

            public int page() {
                return 500;
            }
        };
    }

    static List<Integer> ints(String csv) {
        List<Integer> values = new ArrayList<>();
        for (String v : csv.split(",")) {
            values.add(Integer.parseInt(v.trim()));
        }
        return values;
    }
}
