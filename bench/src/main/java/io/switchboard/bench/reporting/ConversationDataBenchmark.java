package io.switchboard.bench.reporting;

import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionResult;
import io.switchboard.reporting.calls.CallQueries;
import io.switchboard.reporting.chats.ChatQueries;
import io.switchboard.reporting.dataapi.conversations.ConversationQueries;
import io.switchboard.reporting.dataapi.dimensions.DimensionQueries;
import io.switchboard.reporting.dataapi.fetch.DataCaller;
import io.switchboard.reporting.dataapi.graphql.DataGraph;
import io.switchboard.reporting.dataapi.jobs.DataJobs;
import io.switchboard.reporting.dataapi.jobs.JobRunner;
import io.switchboard.testing.RealPostgres;
import org.HdrHistogram.Histogram;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * The Platform Data API's operational queries and its asynchronous export (issue 16: with 100,000 conversations
 * projected, {@code getConversationById} and a by-customer query at 200 req/s, target p99 ≤ 50 ms; async export
 * rows/s), on a fresh reporting database filled like {@link AnalyticsQueryBenchmark}'s. The queries run through the
 * service's own GraphQL engine ({@link DataGraph}: parse, validate, fetch, render), without HTTP. Open loop: each
 * request has its scheduled start, and its latency counts from there, so a slow answer delays (and is charged to)
 * the ones behind it. One thread and one connection, as one request is on the service's worker.
 */
public final class ConversationDataBenchmark {
    static final int RATE = Integer.parseInt(System.getenv().getOrDefault("BENCH_RATE", "200"));
    static final int SECONDS = Integer.parseInt(System.getenv().getOrDefault("BENCH_SECONDS", "30"));
    static final int WARMUP = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP_SECONDS", "5"));
    static final String PARTNER = AnalyticsQueryBenchmark.PARTNER;

    public static void main(String[] args) throws Exception {
        int conversations = AnalyticsQueryBenchmark.CONVERSATIONS;
        int calls = conversations * 6 / 10;
        RealPostgres pg = RealPostgres.shared();
        String database = pg.database("reporting_data_" + UUID.randomUUID().toString().substring(0, 8));
        String url = pg.jdbcUrl(database);
        io.switchboard.eventstore.EventStoreSchema.migrate(url, pg.user(), pg.password());
        long fill = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password()); Statement s = c.createStatement()) {
            ReportingSchema.apply(s);
            AnalyticsQueryBenchmark.fill(s, calls, conversations - calls);
        }
        System.out.printf("Conversation data benchmark: %d processor(s); filled %,d conversations in %.1f s; %d req/s for %d s"
                        + " after %d s of warm-up, open loop, one thread%n", Runtime.getRuntime().availableProcessors(),
                conversations, (System.nanoTime() - fill) / 1e9, RATE, SECONDS, WARMUP);

        DataSource data = AnalyticsQueryBenchmark.pooled(url, pg.user(), pg.password());
        CallQueries callQueries = new CallQueries(data);
        DataGraph graph = new DataGraph(new ConversationQueries(data, callQueries, new ChatQueries(data)),
                new DimensionQueries(data));
        DataCaller caller = new DataCaller(PARTNER, null);

        IntFunction<String> byId = i -> "{ getConversationById(conversationId: \"call-" + (1 + i % calls) + "\") {"
                + " conversationId channel status createdAt endedAt customer { endUserId phone } menu { name }"
                + " participants { type userId joinedAt leftAt } callMetrics { ivrTime queueTime handleTime talkTime holdTime } } }";
        IntFunction<String> byCustomer = i -> "{ getConversationsByCustomer(endUserId: \"" + (100_000 + 1 + i % calls)
                + "\", first: 25) { edges { node { conversationId channel status createdAt menu { name } } }"
                + " pageInfo { hasNextPage endCursor } } }";
        System.out.printf("%-34s %9s %9s %9s %9s %9s%n", "query", "p50 ms", "p90 ms", "p99 ms", "max ms", "done/s");
        measure("getConversationById", graph, caller, byId);
        measure("getConversationsByCustomer", graph, caller, byCustomer);

        // The export: jobs for a few agents' conversations, 100 a page, run by the service's own runner.
        DataJobs jobs = new DataJobs(data);
        JobRunner runner = new JobRunner(jobs, graph, new ObjectMapper(), Clock.systemUTC(), Duration.ofMinutes(1));
        long rows = 0;
        long start = System.nanoTime();
        for (int agent = 1; agent <= 6; agent++) {
            String query = "query($after: String) { getConversationsByAgent(agentId: \"" + agent + "\", first: 100, after: $after) {"
                    + " totalCount pageInfo { hasNextPage endCursor } edges { node { conversationId channel status createdAt"
                    + " endedAt menu { name } callMetrics { handleTime talkTime } } } } }";
            Instant now = Instant.now();
            jobs.submit(new DataJobs.Job(UUID.randomUUID(), PARTNER, "bench", null, "conversationdata",
                    "getConversationsByAgent", query, "{}", null, "ndjson", "queued", 0, null, null, null, now, null, null,
                    now.plus(Duration.ofHours(1))));
            DataJobs.Job job = jobs.claim(Instant.now(), Duration.ofMinutes(1)).orElseThrow();
            runner.run(job);
            DataJobs.Job done = jobs.find(PARTNER, job.jobId()).orElseThrow();
            if (!done.status().equals("succeeded")) {
                throw new IllegalStateException("export job " + done.status() + ": " + done.error());
            }
            rows += done.rows();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("async export: %,d rows in %.1f s = %,.0f rows/s (6 jobs, pages of 100, rows kept in data_job_rows)%n",
                rows, seconds, rows / seconds);
        System.exit(0);
    }

    private static void measure(String name, DataGraph graph, DataCaller caller, IntFunction<String> query) {
        run(graph, caller, query, WARMUP, new Histogram(3));
        Histogram latency = new Histogram(3);
        long start = System.nanoTime();
        int done = run(graph, caller, query, SECONDS, latency);
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-34s %9.2f %9.2f %9.2f %9.2f %9.0f%n", name, latency.getValueAtPercentile(50) / 1e3,
                latency.getValueAtPercentile(90) / 1e3, latency.getValueAtPercentile(99) / 1e3, latency.getMaxValue() / 1e3,
                done / elapsed);
    }

    private static int run(DataGraph graph, DataCaller caller, IntFunction<String> query, int seconds, Histogram latency) {
        long interval = 1_000_000_000L / RATE;
        long first = System.nanoTime();
        int count = RATE * seconds;
        for (int i = 0; i < count; i++) {
            long scheduled = first + i * interval;
            while (System.nanoTime() < scheduled) {
                Thread.onSpinWait();
            }
            int pick = ThreadLocalRandom.current().nextInt(1_000_000);
            ExecutionResult result = graph.execute(query.apply(pick), null, Map.of(), caller);
            if (!result.getErrors().isEmpty()) {
                throw new IllegalStateException(result.getErrors().toString());
            }
            latency.recordValue(Math.max(1, (System.nanoTime() - scheduled) / 1_000));
        }
        return count;
    }
}
