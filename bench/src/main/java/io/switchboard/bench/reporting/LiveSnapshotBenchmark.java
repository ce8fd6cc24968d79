package io.switchboard.bench.reporting;

import io.switchboard.reporting.live.AgentState;
import io.switchboard.reporting.live.LiveConfig;
import io.switchboard.reporting.live.LiveSnapshot;
import io.switchboard.reporting.live.LiveSnapshots;
import io.switchboard.testing.RealPostgres;
import org.HdrHistogram.Histogram;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The live snapshot ({@link LiveSnapshots}, issue 17: p99 at 1,000 agents) on a fresh reporting database (the
 * service's Flyway scripts, V50's indexes included) filled by SQL: one partner with 1,000 agents in 100 teams,
 * 40 menus (each served by three teams, so an agent serves about one to two menus), agents in every state (25 %
 * available, 30 % in a call, 10 % in chats, 10 % wrap-up, 10 % on a break, 15 % offline), the work in progress that
 * goes with it (300 connected calls, 200 assigned chats, 120 calls and 60 chats waiting, 100 calls in the IVR), and
 * {@code BENCH_DAYS} days of history (30,000 calls and 10,000 chats a day, ended, with their {@code call_measures}
 * rows as the projection computes them).
 *
 * <p>Side by side, {@code BENCH_ROUNDS} runs each after warm-up: the service's snapshot (four statements in one
 * read-only repeatable-read transaction); the same without V50's indexes (what the history costs without them);
 * and the naive loop a dashboard would otherwise run (per menu: waiting, in progress, service level, agents; per
 * agent: status, calls, chats — about 1,200 statements), on the same indexes.
 */
public final class LiveSnapshotBenchmark {
    static final int DAYS = Integer.parseInt(System.getenv().getOrDefault("BENCH_DAYS", "7"));
    static final int ROUNDS = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUNDS", "300"));
    static final int NAIVE_ROUNDS = Integer.parseInt(System.getenv().getOrDefault("BENCH_NAIVE_ROUNDS", "20"));
    static final String PARTNER = "bench-live";
    static final Instant T = Instant.parse("2026-10-31T15:00:00Z");
    static final LiveConfig CONFIG = new LiveConfig() {
        @Override
        public Duration serviceLevelThreshold() {
            return Duration.ofSeconds(20);
        }

        @Override
        public Duration serviceLevelWindow() {
            return Duration.ofMinutes(15);
        }
    };

    public static void main(String[] args) throws Exception {
        RealPostgres pg = RealPostgres.shared();
        String database = pg.database("reporting_live_" + UUID.randomUUID().toString().substring(0, 8));
        String url = pg.jdbcUrl(database);
        io.switchboard.eventstore.EventStoreSchema.migrate(url, pg.user(), pg.password());
        long fill = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password()); Statement s = c.createStatement()) {
            ReportingSchema.apply(s);
            fill(s);
            s.execute("VACUUM ANALYZE");
            try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM calls), (SELECT count(*) FROM chats),"
                    + " (SELECT count(*) FROM call_measures)")) {
                rs.next();
                System.out.printf("filled %,d calls, %,d chats, %,d call_measures rows in %.1f s (database %s)%n",
                        rs.getLong(1), rs.getLong(2), rs.getLong(3), (System.nanoTime() - fill) / 1e9, database);
            }
        }
        DataSource pooled = AnalyticsQueryBenchmark.pooled(url, pg.user(), pg.password());
        LiveSnapshots snapshots = new LiveSnapshots(pooled, CONFIG, Clock.fixed(T, ZoneOffset.UTC));
        LiveSnapshot sample = snapshots.snapshot(PARTNER);
        System.out.printf("snapshot: %d queues, %d agents, waiting %d, calls %d, chats %d in progress, service level %s%n",
                sample.queues().size(), sample.agents().size(), sample.totals().waiting(),
                sample.totals().callsInProgress(), sample.totals().chatsInProgress(), sample.totals().serviceLevel());
        int bytes = new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()
                .writeValueAsBytes(sample).length;
        System.out.printf("as JSON: %,d bytes%n%n", bytes);
        if (Boolean.parseBoolean(System.getenv().getOrDefault("BENCH_EXPLAIN", "false"))) {
            explain(url, pg, snapshots);
        }

        System.out.printf("%-52s %9s %9s %9s %8s%n", "at 1,000 agents", "p50 ms", "p99 ms", "max ms", "runs");
        report("snapshot (4 statements, one snapshot, V50)", ROUNDS, () -> snapshots.snapshot(PARTNER));
        try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password()); Statement s = c.createStatement()) {
            Naive naive = new Naive(c);
            report("baseline: naive loop per menu and agent (V50)", NAIVE_ROUNDS, () -> naive.run(PARTNER));
            naive.check(sample);
            s.execute("DROP INDEX calls_open, chats_open, calls_queue_answered, calls_queue_left");
            s.execute("ANALYZE calls, chats");
        }
        report("baseline: snapshot without V50's indexes", Math.max(10, ROUNDS / 10), () -> snapshots.snapshot(PARTNER));
    }

    /** EXPLAIN ANALYZE of each of the snapshot's statements. */
    static void explain(String url, RealPostgres pg, LiveSnapshots snapshots) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password())) {
            for (var statement : snapshots.statements(PARTNER, T)) {
                try (PreparedStatement s = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + statement.getKey())) {
                    Object[] params = statement.getValue();
                    for (int i = 0; i < params.length; i++) {
                        s.setObject(i + 1, params[i] instanceof Instant at ? java.time.OffsetDateTime.ofInstant(at, ZoneOffset.UTC)
                                : params[i]);
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            System.out.println(rs.getString(1));
                        }
                    }
                }
                System.out.println();
            }
        }
    }

    interface Run {
        Object run() throws SQLException;
    }

    static void report(String name, int rounds, Run run) throws SQLException {
        for (int i = 0; i < Math.max(3, rounds / 10); i++) {
            run.run();
        }
        Histogram h = new Histogram(3_600_000_000L, 3);
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            run.run();
            h.recordValue((System.nanoTime() - start) / 1_000);
        }
        System.out.printf("%-52s %9.2f %9.2f %9.2f %8d%n", name, h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, rounds);
    }

    /** The contact center of the class comment, by SQL. */
    static void fill(Statement s) throws SQLException {
        String p = "'" + PARTNER + "'";
        String t = "timestamptz '" + T + "'";
        List<String> sql = new ArrayList<>();
        sql.add("INSERT INTO teams (partner_id, id, name, updated_at) SELECT " + p + ", t, 'Team ' || t, now()"
                + " FROM generate_series(1, 100) t");
        // Status by a % 20: 0-4 available, 5-10 in a call, 11-12 in chats, 13-14 wrap-up, 15-16 break, 17-19 offline.
        sql.add("INSERT INTO agents (partner_id, id, name, status, status_updated_at, updated_at) SELECT " + p
                + ", a, 'Agent ' || a, CASE WHEN a % 20 < 5 THEN 'Available' WHEN a % 20 < 11 THEN 'In-call'"
                + " WHEN a % 20 < 13 THEN 'In-chat' WHEN a % 20 < 15 THEN 'Wrap-up' WHEN a % 20 < 17 THEN 'Break'"
                + " ELSE 'Offline' END, " + t + " - (a % 600) * interval '1 s', now() FROM generate_series(1, 1000) a");
        sql.add("INSERT INTO team_members (partner_id, team_id, agent_id, member, as_of) SELECT " + p
                + ", 1 + (a - 1) / 10, a, true, now() FROM generate_series(1, 1000) a");
        sql.add("INSERT INTO menus (partner_id, id, name, channel, menu_type, team_ids, updated_at) SELECT " + p
                + ", m, 'Menu ' || m, CASE WHEN m % 4 = 0 THEN 'chat' ELSE 'voice' END, 'queue',"
                + " ARRAY[m, m + 40, 1 + (m * 7) % 100]::bigint[], now() FROM generate_series(1, 40) m");
        // History: ended calls over the days before T (kind = i % 10: 0 ended in the IVR, 1 abandoned in queue).
        long calls = 30_000L * DAYS;
        sql.add("""
                INSERT INTO calls (partner_id, id, call_type, created_status, ended_status, menu_id, connected_agent_id,
                                   created_at, queued_at, connecting_at, connected_at, ended_at, duration_ms,
                                   hold_duration_ms, updated_at)
                SELECT %1$s, i, 'Voice Inbound (IVR)', 'selecting', CASE WHEN i %% 10 = 1 THEN 'failed' ELSE 'finished' END,
                       1 + i %% 40, CASE WHEN i %% 10 > 1 THEN 1 + i %% 1000 END, c,
                       CASE WHEN i %% 10 <> 0 THEN c + interval '30 s' END,
                       CASE WHEN i %% 10 > 1 THEN c + interval '30 s' + (i %% 40) * interval '1 s' END,
                       CASE WHEN i %% 10 > 1 THEN c + interval '35 s' + (i %% 40) * interval '1 s' END,
                       c + interval '95 s' + (i %% 600) * interval '1 s',
                       CASE WHEN i %% 10 > 1 THEN (60 + i %% 600) * 1000 END, CASE WHEN i %% 10 > 1 THEN (i %% 3) * 10000 END,
                       now()
                  FROM (SELECT i, %2$s - interval '%3$s days' + (i::float8 / %4$d) * (interval '%3$s days' - interval '12 min') AS c
                          FROM generate_series(1, %4$d) i) g""".formatted(p, t, DAYS, calls));
        long chats = 10_000L * DAYS;
        sql.add("""
                INSERT INTO chats (partner_id, id, created_status, status, menu_id, created_at, queued_at, assigned_at,
                                   ended_at, finished_status, updated_at)
                SELECT %1$s, i, 'queued', 'finished', 1 + i %% 40, c, c, c + interval '20 s', c + interval '10 min',
                       'finished', now()
                  FROM (SELECT i, %2$s - interval '%3$s days' + (i::float8 / %4$d) * (interval '%3$s days' - interval '11 min') AS c
                          FROM generate_series(1, %4$d) i) g""".formatted(p, t, DAYS, chats));
        sql.add("INSERT INTO chat_participants (partner_id, chat_id, segment, participant_type, user_id, name, connected_at)"
                + " SELECT " + p + ", id, 1, 'agent', 1 + id % 1000, 'Agent', assigned_at FROM chats WHERE partner_id = " + p);
        // Now: a connected call per agent in a call, two chats per agent in chats, calls and chats waiting, calls in the IVR.
        sql.add("""
                INSERT INTO calls (partner_id, id, call_type, created_status, menu_id, connected_agent_id, created_at,
                                   queued_at, connecting_at, connected_at, updated_at)
                SELECT %1$s, 10000000 + a, 'Voice Inbound (IVR)', 'selecting', 1 + ((a - 1) / 10) %% 40, a,
                       %2$s - (a %% 300) * interval '1 s' - interval '60 s', %2$s - (a %% 300) * interval '1 s' - interval '40 s',
                       %2$s - (a %% 300) * interval '1 s' - interval '5 s', %2$s - (a %% 300) * interval '1 s', now()
                  FROM generate_series(1, 1000) a WHERE a %% 20 BETWEEN 5 AND 10""".formatted(p, t));
        sql.add("""
                INSERT INTO chats (partner_id, id, created_status, status, menu_id, created_at, queued_at, assigned_at, updated_at)
                SELECT %1$s, 20000000 + a * 2 + k, 'queued', 'assigned', 1 + ((a - 1) / 10) %% 40,
                       %2$s - (a %% 400 + k * 60) * interval '1 s' - interval '30 s',
                       %2$s - (a %% 400 + k * 60) * interval '1 s' - interval '30 s', %2$s - (a %% 400 + k * 60) * interval '1 s', now()
                  FROM generate_series(1, 1000) a, generate_series(0, 1) k WHERE a %% 20 BETWEEN 11 AND 12""".formatted(p, t));
        sql.add("INSERT INTO chat_participants (partner_id, chat_id, segment, participant_type, user_id, name, connected_at)"
                + " SELECT " + p + ", id, 1, 'agent', (id - 20000000) / 2, 'Agent', assigned_at FROM chats"
                + " WHERE partner_id = " + p + " AND id >= 20000000");
        sql.add("""
                INSERT INTO calls (partner_id, id, call_type, created_status, menu_id, created_at, queued_at, updated_at)
                SELECT %1$s, 30000000 + w, 'Voice Inbound (IVR)', 'selecting', 1 + w %% 40, %2$s - (w * 3 + 20) * interval '1 s',
                       CASE WHEN w <= 120 THEN %2$s - (w * 3) * interval '1 s' END, now()
                  FROM generate_series(1, 220) w""".formatted(p, t));
        sql.add("""
                INSERT INTO chats (partner_id, id, created_status, status, menu_id, created_at, queued_at, updated_at)
                SELECT %1$s, 30000000 + w, 'queued', 'queued', 1 + w %% 40, %2$s - (w * 5) * interval '1 s',
                       %2$s - (w * 5) * interval '1 s', now()
                  FROM generate_series(1, 60) w""".formatted(p, t));
        // call_measures as CallMetricsCalculator and Lifecycle compute them from these facts (no transfer, no conference).
        sql.add("""
                INSERT INTO call_measures (partner_id, call_id, change_seq, created_at, menu_id, agent_id, ended, contained,
                                           abandoned, transferred, deflected, billing_ms, call_ms, ivr_ms, queue_ms, wait_ms,
                                           handle_ms, ring_ms, talk_ms, hold_ms, conference_ms, third_party_talk_ms,
                                           transfer_times, transfer_ms)
                SELECT partner_id, id, change_seq, created_at, menu_id, connected_agent_id, ended_at IS NOT NULL,
                       ended_at IS NOT NULL AND queued_at IS NULL AND connecting_at IS NULL AND connected_at IS NULL,
                       ended_at IS NOT NULL AND queued_at IS NOT NULL AND connected_at IS NULL, false, false,
                       ms(created_at, ended_at), ms(created_at, ended_at), ms(created_at, queued_at),
                       ms(queued_at, connected_at), ms(queued_at, connected_at), ms(connected_at, ended_at),
                       ms(connecting_at, connected_at),
                       CASE WHEN connected_at IS NOT NULL AND ended_at IS NOT NULL THEN duration_ms - coalesce(hold_duration_ms, 0) END,
                       CASE WHEN connected_at IS NOT NULL AND ended_at IS NOT NULL THEN coalesce(hold_duration_ms, 0) END,
                       CASE WHEN connected_at IS NOT NULL AND ended_at IS NOT NULL THEN 0 END,
                       CASE WHEN connected_at IS NOT NULL AND ended_at IS NOT NULL THEN 0 END, 0, 0
                  FROM calls WHERE partner_id = %s""".formatted(p));
        s.execute("CREATE FUNCTION pg_temp.ms(a timestamptz, b timestamptz) RETURNS bigint LANGUAGE sql IMMUTABLE AS"
                + " $$ SELECT (extract(epoch FROM b - a) * 1000)::bigint $$");
        for (String statement : sql) {
            s.execute(statement.replace(" ms(", " pg_temp.ms(").replace("(ms(", "(pg_temp.ms("));
        }
    }

    /**
     * What a client without the snapshot would do: one small query per menu and figure, then per agent its status
     * and its work. Same answers (checked against the snapshot once), many round trips.
     */
    static final class Naive {
        private final Connection c;
        private final PreparedStatement menus;
        private final PreparedStatement waitingCalls;
        private final PreparedStatement waitingChats;
        private final PreparedStatement callsInProgress;
        private final PreparedStatement chatsInProgress;
        private final PreparedStatement serviceLevel;
        private final PreparedStatement menuAgents;
        private final PreparedStatement agents;
        private final PreparedStatement agent;
        private final PreparedStatement agentCalls;
        private final PreparedStatement agentChats;
        int waiting;
        int busy;

        Naive(Connection c) throws SQLException {
            this.c = c;
            menus = c.prepareStatement("SELECT id FROM menus WHERE partner_id = ? AND NOT deleted ORDER BY id");
            waitingCalls = c.prepareStatement("SELECT count(*), min(queued_at) FROM calls WHERE partner_id = ? AND menu_id = ?"
                    + " AND ended_at IS NULL AND queued_at IS NOT NULL AND connected_at IS NULL");
            waitingChats = c.prepareStatement("SELECT count(*), min(queued_at) FROM chats WHERE partner_id = ? AND menu_id = ?"
                    + " AND ended_at IS NULL AND queued_at IS NOT NULL AND assigned_at IS NULL");
            callsInProgress = c.prepareStatement("SELECT count(*) FROM calls WHERE partner_id = ? AND menu_id = ?"
                    + " AND ended_at IS NULL AND connected_at IS NOT NULL");
            chatsInProgress = c.prepareStatement("SELECT count(*) FROM chats WHERE partner_id = ? AND menu_id = ?"
                    + " AND ended_at IS NULL AND assigned_at IS NOT NULL");
            serviceLevel = c.prepareStatement("SELECT count(*) FILTER (WHERE m.queue_ms <= 20000), count(*) FILTER (WHERE m.abandoned)"
                    + " FROM calls c JOIN call_measures m ON m.partner_id = ? AND m.call_id = c.id"
                    + " WHERE c.partner_id = ? AND c.menu_id = ? AND c.queued_at IS NOT NULL"
                    + " AND ((c.connected_at > ? AND c.connected_at <= ?) OR (c.connected_at IS NULL AND c.ended_at > ? AND c.ended_at <= ?))");
            menuAgents = c.prepareStatement("SELECT DISTINCT tm.agent_id FROM menus m JOIN team_members tm ON tm.partner_id = m.partner_id"
                    + " AND tm.team_id = ANY (m.team_ids) AND tm.member WHERE m.partner_id = ? AND m.id = ?");
            agents = c.prepareStatement("SELECT id FROM agents WHERE partner_id = ? AND NOT deleted ORDER BY id");
            agent = c.prepareStatement("SELECT status, status_updated_at FROM agents WHERE partner_id = ? AND id = ?");
            agentCalls = c.prepareStatement("SELECT id, connected_at FROM calls WHERE partner_id = ? AND connected_agent_id = ?"
                    + " AND ended_at IS NULL AND connected_at IS NOT NULL");
            agentChats = c.prepareStatement("SELECT ch.id, ch.assigned_at FROM chats ch JOIN chat_participants p"
                    + " ON p.partner_id = ch.partner_id AND p.chat_id = ch.id WHERE ch.partner_id = ? AND p.user_id = ?"
                    + " AND p.participant_type = 'agent' AND ch.ended_at IS NULL AND p.segment = (SELECT max(segment)"
                    + " FROM chat_participants q WHERE q.partner_id = ch.partner_id AND q.chat_id = ch.id)");
        }

        Object run(String partner) throws SQLException {
            waiting = 0;
            busy = 0;
            Timestamp from = Timestamp.from(T.minus(Duration.ofMinutes(15)));
            Timestamp to = Timestamp.from(T);
            for (long menu : ids(menus, partner)) {
                waiting += (int) one(waitingCalls, partner, menu) + (int) one(waitingChats, partner, menu);
                one(callsInProgress, partner, menu);
                one(chatsInProgress, partner, menu);
                serviceLevel.setString(1, partner);
                serviceLevel.setString(2, partner);
                serviceLevel.setLong(3, menu);
                serviceLevel.setTimestamp(4, from);
                serviceLevel.setTimestamp(5, to);
                serviceLevel.setTimestamp(6, from);
                serviceLevel.setTimestamp(7, to);
                drain(serviceLevel);
                for (long a : ids(menuAgents, partner, menu)) {
                    agent.setString(1, partner);
                    agent.setLong(2, a);
                    drain(agent);
                }
            }
            for (long a : ids(agents, partner)) {
                agent.setString(1, partner);
                agent.setLong(2, a);
                try (ResultSet rs = agent.executeQuery()) {
                    if (rs.next() && AgentState.of(rs.getString(1)) == AgentState.BUSY) {
                        busy++;
                    }
                }
                agentCalls.setString(1, partner);
                agentCalls.setLong(2, a);
                drain(agentCalls);
                agentChats.setString(1, partner);
                agentChats.setLong(2, a);
                drain(agentChats);
            }
            return waiting;
        }

        /** The loop counts what the snapshot counts (so the comparison is between two ways to the same answer). */
        void check(LiveSnapshot snapshot) throws SQLException {
            run(PARTNER);
            if (waiting != snapshot.totals().waiting() || busy != snapshot.totals().agents().busy()) {
                throw new IllegalStateException("naive loop: waiting " + waiting + ", busy " + busy + "; snapshot: "
                        + snapshot.totals());
            }
        }

        private static long one(PreparedStatement s, String partner, long menu) throws SQLException {
            s.setString(1, partner);
            s.setLong(2, menu);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }

        private static List<Long> ids(PreparedStatement s, Object... params) throws SQLException {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }

        private static void drain(PreparedStatement s) throws SQLException {
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rs.getObject(1);
                }
            }
        }
    }
}
