package io.switchboard.bench.reporting;

import io.switchboard.reporting.calls.CallMeasures;
import io.switchboard.reporting.calls.CallMetricsSource;
import io.switchboard.reporting.dataapi.analytics.ConversationMetrics;
import io.switchboard.reporting.dataapi.analytics.ConversationMetricsQuery;
import io.switchboard.reporting.dataapi.analytics.MetricsRequest;
import io.switchboard.testing.RealPostgres;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Platform Data API's analytical query ({@code getConversationMetrics}, issue 16: target ≤ 500 ms over 30 days of
 * 100,000 conversations) run by the service's own {@link ConversationMetricsQuery} on a fresh reporting database
 * (the service's Flyway scripts) filled by SQL: one partner, {@code BENCH_CONVERSATIONS} conversations spread over
 * 30 days, 60 % calls (end user and agent participants; half held, a quarter transferred to a second agent, 10 %
 * abandoned in queue, 10 % ended in the IVR) and 40 % chats (one or two hand-overs, a topic on a third), 60 agents
 * in 6 teams, 8 menus. Prints, per query shape, the median and max of {@code BENCH_ROUNDS} runs after 3 warm-ups.
 */
public final class AnalyticsQueryBenchmark {
    static final int CONVERSATIONS = Integer.parseInt(System.getenv().getOrDefault("BENCH_CONVERSATIONS", "100000"));
    static final int ROUNDS = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUNDS", "10"));
    static final String PARTNER = "bench-analytics";

    public static void main(String[] args) throws Exception {
        RealPostgres pg = RealPostgres.shared();
        String database = pg.database("reporting_analytics_" + UUID.randomUUID().toString().substring(0, 8));
        String url = pg.jdbcUrl(database);
        io.switchboard.eventstore.EventStoreSchema.migrate(url, pg.user(), pg.password());
        long fill = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password()); Statement s = c.createStatement()) {
            ReportingSchema.apply(s);
            fill(s, CONVERSATIONS * 6 / 10, CONVERSATIONS - CONVERSATIONS * 6 / 10);
        }
        System.out.printf("filled %,d conversations in %.1f s (database %s)%n", CONVERSATIONS,
                (System.nanoTime() - fill) / 1e9, database);

        ConversationMetricsQuery query = new ConversationMetricsQuery(pooled(url, pg.user(), pg.password()));
        System.out.printf("%-42s %10s %10s %8s %8s%n", "query", "p50 ms", "max ms", "rows", "convs");
        // The baseline: every call measured when read (calls projected before call_measures existed). The query
        // stores what it measured, so this shape runs once.
        try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password()); Statement s = c.createStatement()) {
            s.execute("TRUNCATE call_measures");
        }
        long cold = System.nanoTime();
        ConversationMetrics unmeasured = query.run(PARTNER, MetricsRequest.of(args("P1D", null, "UTC")));
        System.out.printf("%-42s %10d %10s %8d  (baseline: measured when read, once)%n", "P1D, 30 days, no call_measures",
                (System.nanoTime() - cold) / 1_000_000, "-", unmeasured.rows().size());
        Map<String, Map<String, Object>> shapes = new java.util.LinkedHashMap<>();
        shapes.put("P1D, 30 days, no grouping", args("P1D", null, "UTC"));
        shapes.put("P1D, 30 days, by agent, America/New_York", args("P1D", "AGENT", "America/New_York"));
        shapes.put("PT1H, 30 days, by team", args("PT1H", "TEAM", "Europe/Berlin"));
        shapes.put("PT15M, 30 days, no grouping", args("PT15M", null, "UTC"));
        shapes.put("P1D, 30 days, by intent", args("P1D", "INTENT", "UTC"));
        for (var shape : shapes.entrySet()) {
            MetricsRequest request = MetricsRequest.of(shape.getValue());
            ConversationMetrics answer = null;
            for (int i = 0; i < 3; i++) {
                answer = query.run(PARTNER, request);
            }
            long[] ms = new long[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                long start = System.nanoTime();
                answer = query.run(PARTNER, request);
                ms[i] = (System.nanoTime() - start) / 1_000_000;
            }
            Arrays.sort(ms);
            int conversations = answer.rows().stream().mapToInt(ConversationMetrics.Row::conversations).sum();
            System.out.printf("%-42s %10d %10d %8d %8d%n", shape.getKey(), ms[ROUNDS / 2], ms[ROUNDS - 1],
                    answer.rows().size(), conversations);
        }
    }

    /** One connection handed out again and again, as the service's pool does (connecting is not the query's cost). */
    static DataSource pooled(String url, String user, String password) throws Exception {
        Connection kept = DriverManager.getConnection(url, user, password);
        Connection handed = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        kept.setAutoCommit(true);
                        return null;
                    }
                    try {
                        return method.invoke(kept, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return handed;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Map<String, Object> args(String interval, String groupBy, String zone) {
        Map<String, Object> args = new HashMap<>();
        args.put("interval", interval);
        args.put("from", "2026-10-01");
        args.put("to", "2026-10-31");
        args.put("timeZone", zone);
        if (groupBy != null) {
            args.put("groupBy", groupBy);
        }
        return args;
    }

    /** Calls and chats over 2026-10-01..10-31 UTC (every zone's 30 days then hold nearly all of them). */
    static void fill(Statement s, int calls, int chats) throws Exception {
        String p = "'" + PARTNER + "'";
        List<String> sql = new ArrayList<>();
        sql.add("INSERT INTO teams (partner_id, id, name, updated_at) SELECT " + p + ", t, 'Team ' || t, now()"
                + " FROM generate_series(1, 6) t");
        sql.add("INSERT INTO agents (partner_id, id, name, updated_at) SELECT " + p + ", a, 'Agent ' || a, now()"
                + " FROM generate_series(1, 60) a");
        sql.add("INSERT INTO team_members (partner_id, team_id, agent_id, member, as_of) SELECT " + p
                + ", 1 + a % 6, a, true, now() FROM generate_series(1, 60) a");
        sql.add("INSERT INTO menus (partner_id, id, name, updated_at) SELECT " + p + ", m, 'Menu ' || m, now()"
                + " FROM generate_series(1, 8) m");
        // kind = i % 10: 0 ended in the IVR, 1 abandoned in queue, else handled; i % 2 held, i % 4 = 3 transferred
        sql.add("""
                INSERT INTO calls (partner_id, id, call_type, created_status, ended_status, menu_id, agent_id,
                                   connected_agent_id, created_at, queued_at, connecting_at, connected_at, ended_at,
                                   duration_ms, hold_duration_ms, updated_at)
                SELECT %s, i, 'Voice Inbound (IVR)', 'selecting', CASE WHEN i %% 10 = 1 THEN 'abandoned' ELSE 'finished' END,
                       CASE WHEN i %% 10 = 0 THEN NULL ELSE 1 + i %% 8 END, NULL,
                       CASE WHEN i %% 10 > 1 THEN 1 + i %% 60 END,
                       t, CASE WHEN i %% 10 <> 0 THEN t + interval '30 s' END,
                       CASE WHEN i %% 10 > 1 THEN t + interval '90 s' END, CASE WHEN i %% 10 > 1 THEN t + interval '95 s' END,
                       t + interval '95 s' + (i %% 600) * interval '1 s',
                       CASE WHEN i %% 10 > 1 THEN (i %% 600) * 1000 END, CASE WHEN i %% 10 > 1 AND i %% 2 = 0 THEN 20000 END,
                       now()
                  FROM (SELECT i, timestamptz '2026-10-01 00:00Z' + (i::float8 / %d) * interval '30 days' AS t
                          FROM generate_series(1, %d) i) g""".formatted(p, calls, calls));
        sql.add("INSERT INTO call_participants (partner_id, id, call_id, participant_type, end_user_id, connected_at, ended_at)"
                + " SELECT " + p + ", id * 10, id, 'end_user', 100000 + id, created_at, ended_at FROM calls"
                + " WHERE partner_id = " + p);
        sql.add("INSERT INTO call_participants (partner_id, id, call_id, participant_type, user_id, connected_at, ended_at)"
                + " SELECT " + p + ", id * 10 + 1, id, 'agent', connected_agent_id, connected_at,"
                + " CASE WHEN id % 4 = 3 THEN connected_at + interval '60 s' ELSE ended_at END"
                + " FROM calls WHERE partner_id = " + p + " AND connected_at IS NOT NULL");
        sql.add("INSERT INTO call_transfers (partner_id, id, call_id, target_type, from_agent_id, to_agent_id, created_at)"
                + " SELECT " + p + ", id, id, 'agent', connected_agent_id, 1 + (connected_agent_id % 60),"
                + " connected_at + interval '40 s' FROM calls WHERE partner_id = " + p
                + " AND connected_at IS NOT NULL AND id % 4 = 3");
        sql.add("INSERT INTO call_participants (partner_id, id, call_id, participant_type, user_id, connected_at, ended_at)"
                + " SELECT " + p + ", call_id * 10 + 2, call_id, 'agent', to_agent_id, created_at + interval '10 s', NULL"
                + " FROM call_transfers WHERE partner_id = " + p);
        sql.add("""
                INSERT INTO chats (partner_id, id, created_status, status, menu_id, created_at, queued_at, assigned_at,
                                   ended_at, finished_status, updated_at)
                SELECT %s, i, CASE WHEN i %% 5 = 0 THEN 'va_assigned' ELSE 'queued' END, 'finished', 1 + i %% 8, t,
                       CASE WHEN i %% 5 <> 0 THEN t END,
                       CASE WHEN i %% 5 <> 0 THEN t + interval '20 s' END, t + interval '10 min', 'finished', now()
                  FROM (SELECT i, timestamptz '2026-10-01 00:00Z' + (i::float8 / %d) * interval '30 days' AS t
                          FROM generate_series(1, %d) i) g""".formatted(p, chats, chats));
        sql.add("INSERT INTO chat_participants (partner_id, chat_id, segment, participant_type, user_id, name, connected_at)"
                + " SELECT " + p + ", id, 1, 'agent', 1 + id % 60, 'Agent', assigned_at FROM chats"
                + " WHERE partner_id = " + p + " AND assigned_at IS NOT NULL");
        sql.add("INSERT INTO chat_participants (partner_id, chat_id, segment, participant_type, user_id, name, connected_at)"
                + " SELECT " + p + ", id, 2, 'agent', 1 + (id + 7) % 60, 'Agent', assigned_at + interval '2 min' FROM chats"
                + " WHERE partner_id = " + p + " AND assigned_at IS NOT NULL AND id % 3 = 0");
        sql.add("INSERT INTO chat_messages (partner_id, chat_id, message_id, segment, session_id, customer_session_id,"
                + " sender_type, chat_type, session_channel, redacted_text, entities, sentiment, language, topic, score,"
                + " top_matches, sent_at, redacted_at)"
                + " SELECT " + p + ", id, 1, 1, id || '.1', id::text, 'customer', 'bot', 'chat', 'text', '[]', 0, 'en',"
                + " (ARRAY['billing','refunds','booking'])[1 + id % 3], 0.8, '[]', created_at, created_at"
                + " FROM chats WHERE partner_id = " + p + " AND id % 3 = 1");
        for (String statement : sql) {
            s.execute(statement);
        }
        measure(s.getConnection());
        s.execute("ANALYZE");
    }

    /**
     * The calls were inserted by SQL, not through the projection: their {@code call_measures} rows are written the way
     * the projection writes them after a batch ({@link CallMeasures#refresh}, the same calculator), in batches of
     * 2,000 calls. Prints the rate: what keeping the measures costs per call touched.
     */
    static void measure(Connection c) throws Exception {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        long start = System.nanoTime();
        List<CallMetricsSource.Key> calls = CallMeasures.stale(c, PARTNER, Instant.parse("2000-01-01T00:00:00Z"),
                Instant.parse("2100-01-01T00:00:00Z"));
        for (int from = 0; from < calls.size(); from += 2_000) {
            CallMeasures.refresh(c, calls.subList(from, Math.min(calls.size(), from + 2_000)));
        }
        c.commit();
        c.setAutoCommit(autoCommit);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("call_measures: %,d calls measured in %.1f s (%,.0f calls/s, batches of 2,000)%n", calls.size(),
                seconds, calls.size() / seconds);
    }
}
