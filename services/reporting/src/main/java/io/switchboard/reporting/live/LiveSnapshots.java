package io.switchboard.reporting.live;

import io.switchboard.reporting.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A partner's live snapshot, read from the projections as they stand: no number here is a second definition of one
 * the read models already keep. Waiting and in-progress work are the calls' and chats' own times (a call waits from
 * {@code queued_at} until {@code connected_at} or its end, a chat from {@code queued_at} until {@code assigned_at}
 * or its end); the service level counts the queue times and abandonments {@code call_measures} stores
 * ({@code CallMetricsCalculator}'s queue time, {@code Lifecycle}'s abandoned); an agent's state is its directory
 * status through {@link AgentState}.
 *
 * <p>Four statements in one read-only repeatable-read transaction, so every part sees the same instant: the open
 * work, the service level, the agents, the menus with their agents. Each is bounded by what is live (partial
 * indexes of V50), not by the history.
 */
@ApplicationScoped
public class LiveSnapshots {
    /** The open calls and chats that wait or are handled (one row each). */
    private static final String OPEN_WORK = """
            SELECT 'call' AS type, id, menu_id, queued_at, connected_at AS taken_at, connected_agent_id AS agent_id
              FROM calls
             WHERE partner_id = ? AND ended_at IS NULL AND (queued_at IS NOT NULL OR connected_at IS NOT NULL)
            UNION ALL
            SELECT 'chat', ch.id, ch.menu_id, ch.queued_at, ch.assigned_at,
                   (SELECT CASE WHEN p.participant_type = 'agent' THEN p.user_id END FROM chat_participants p
                     WHERE p.partner_id = ch.partner_id AND p.chat_id = ch.id ORDER BY p.segment DESC LIMIT 1)
              FROM chats ch
             WHERE ch.partner_id = ? AND ch.ended_at IS NULL AND (ch.queued_at IS NOT NULL OR ch.assigned_at IS NOT NULL)
            """;

    /**
     * The queued calls that left the queue in (from, to]: answered (their stored queue time) or abandoned
     * (the stored lifecycle flag), per menu and in total (the row where {@code grouping(menu_id) = 1}).
     * {@code call_measures} is joined on the partner as a parameter, not {@code c.partner_id}: calls' partner_id is
     * {@code COLLATE "C"} (V3) and call_measures' is not, and a comparison in the C collation cannot use
     * call_measures' primary key (the planner then scans the partner's whole history).
     */
    private static final String SERVICE_LEVEL = """
            WITH left_queue AS (
                SELECT c.menu_id, m.queue_ms, false AS abandoned
                  FROM calls c JOIN call_measures m ON m.partner_id = ? AND m.call_id = c.id
                 WHERE c.partner_id = ? AND c.queued_at IS NOT NULL AND c.connected_at > ? AND c.connected_at <= ?
                   AND m.queue_ms IS NOT NULL
                UNION ALL
                SELECT c.menu_id, NULL, true
                  FROM calls c JOIN call_measures m ON m.partner_id = ? AND m.call_id = c.id
                 WHERE c.partner_id = ? AND c.queued_at IS NOT NULL AND c.connected_at IS NULL
                   AND c.ended_at > ? AND c.ended_at <= ? AND m.abandoned)
            SELECT menu_id, grouping(menu_id) AS total, count(*) AS offered,
                   count(*) FILTER (WHERE queue_ms <= ?) AS within, count(*) FILTER (WHERE abandoned) AS abandoned
              FROM left_queue GROUP BY GROUPING SETS ((menu_id), ())
            """;

    private static final String AGENTS = """
            SELECT id, name, status, status_updated_at FROM agents WHERE partner_id = ? AND NOT deleted ORDER BY id
            """;

    /** The menus and the agents of their teams (current members only). */
    private static final String MENUS = """
            SELECT m.id, m.name, m.channel,
                   ARRAY(SELECT DISTINCT tm.agent_id FROM team_members tm
                          WHERE tm.partner_id = m.partner_id AND tm.team_id = ANY (m.team_ids) AND tm.member) AS agent_ids
              FROM menus m WHERE m.partner_id = ? AND NOT m.deleted ORDER BY m.id
            """;

    private final DataSource dataSource;
    private final LiveConfig config;
    private final Clock clock;

    public LiveSnapshots(DataSource dataSource, LiveConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The statements with their parameters for a partner at an instant, in the order a snapshot runs them (for the
     * benchmark's EXPLAIN).
     */
    public List<Map.Entry<String, Object[]>> statements(String partnerId, Instant asOf) {
        Instant from = asOf.minus(config.serviceLevelWindow());
        return List.of(Map.entry(OPEN_WORK, new Object[] {partnerId, partnerId}),
                Map.entry(SERVICE_LEVEL, new Object[] {partnerId, partnerId, from, asOf, partnerId, partnerId, from, asOf,
                        config.serviceLevelThreshold().toMillis()}),
                Map.entry(AGENTS, new Object[] {partnerId}), Map.entry(MENUS, new Object[] {partnerId}));
    }

    public LiveSnapshot snapshot(String partnerId) throws SQLException {
        return snapshot(partnerId, clock.instant());
    }

    /** The snapshot as of that instant (the service-level window ends there, waits are measured to it). */
    public LiveSnapshot snapshot(String partnerId, Instant asOf) throws SQLException {
        Duration threshold = config.serviceLevelThreshold();
        Duration window = config.serviceLevelWindow();
        try (Connection c = dataSource.getConnection()) {
            return InSnapshot.read(c, () -> {
                List<OpenWork> work = openWork(c, partnerId);
                Map<Long, LiveServiceLevel> levels = new HashMap<>();
                LiveServiceLevel totalLevel = serviceLevel(c, partnerId, asOf.minus(window), asOf, threshold, levels);
                List<AgentRow> agents = agents(c, partnerId);
                List<MenuRow> menus = menus(c, partnerId);
                return assemble(partnerId, asOf, threshold, window, work, totalLevel, levels, agents, menus);
            });
        }
    }

    private record OpenWork(String type, long id, Long menuId, Instant queuedAt, Instant takenAt, Long agentId) {
        boolean waiting() {
            return takenAt == null;
        }
    }

    private record AgentRow(long id, String name, String status, Instant since, AgentState state) {
    }

    private record MenuRow(long id, String name, String channel, List<Long> agentIds) {
    }

    private static List<OpenWork> openWork(Connection c, String partner) throws SQLException {
        List<OpenWork> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(OPEN_WORK)) {
            Sql.bind(c, s, partner, partner);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OpenWork(rs.getString("type"), rs.getLong("id"), Sql.longOrNull(rs, "menu_id"),
                            Sql.instant(rs, "queued_at"), Sql.instant(rs, "taken_at"), Sql.longOrNull(rs, "agent_id")));
                }
            }
        }
        return rows;
    }

    private static LiveServiceLevel serviceLevel(Connection c, String partner, Instant from, Instant to,
                                                 Duration threshold, Map<Long, LiveServiceLevel> perMenu) throws SQLException {
        LiveServiceLevel total = LiveServiceLevel.NONE;
        try (PreparedStatement s = c.prepareStatement(SERVICE_LEVEL)) {
            Sql.bind(c, s, partner, partner, from, to, partner, partner, from, to, threshold.toMillis());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    LiveServiceLevel level = level(rs.getInt("offered"), rs.getInt("within"), rs.getInt("abandoned"));
                    if (rs.getInt("total") == 1) {
                        total = level;
                    } else {
                        Long menu = Sql.longOrNull(rs, "menu_id");
                        if (menu != null) {
                            perMenu.put(menu, level);
                        }
                    }
                }
            }
        }
        return total;
    }

    static LiveServiceLevel level(int offered, int within, int abandoned) {
        Double percent = offered == 0 ? null : Math.round(within * 1000.0 / offered) / 10.0;
        return new LiveServiceLevel(offered, within, abandoned, percent);
    }

    private static List<AgentRow> agents(Connection c, String partner) throws SQLException {
        List<AgentRow> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(AGENTS)) {
            Sql.bind(c, s, partner);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String status = rs.getString("status");
                    rows.add(new AgentRow(rs.getLong("id"), rs.getString("name"), status,
                            Sql.instant(rs, "status_updated_at"), AgentState.of(status)));
                }
            }
        }
        return rows;
    }

    private static List<MenuRow> menus(Connection c, String partner) throws SQLException {
        List<MenuRow> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(MENUS)) {
            Sql.bind(c, s, partner);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Array ids = rs.getArray("agent_ids");
                    List<Long> agentIds = new ArrayList<>();
                    for (Object id : (Object[]) ids.getArray()) {
                        agentIds.add(((Number) id).longValue());
                    }
                    rows.add(new MenuRow(rs.getLong("id"), rs.getString("name"), rs.getString("channel"), agentIds));
                }
            }
        }
        return rows;
    }

    private static LiveSnapshot assemble(String partner, Instant asOf, Duration threshold, Duration window,
                                         List<OpenWork> work, LiveServiceLevel totalLevel,
                                         Map<Long, LiveServiceLevel> levels, List<AgentRow> agents, List<MenuRow> menus) {
        Map<Long, List<OpenWork>> workByMenu = new HashMap<>();
        Map<Long, List<LiveWork>> workByAgent = new HashMap<>();
        for (OpenWork w : work) {
            workByMenu.computeIfAbsent(w.menuId(), k -> new ArrayList<>()).add(w);
            if (!w.waiting() && w.agentId() != null) {
                workByAgent.computeIfAbsent(w.agentId(), k -> new ArrayList<>())
                        .add(new LiveWork(w.type(), w.id(), w.menuId(), w.takenAt()));
            }
        }
        Map<Long, AgentState> states = new HashMap<>();
        List<LiveAgent> liveAgents = new ArrayList<>(agents.size());
        for (AgentRow a : agents) {
            states.put(a.id(), a.state());
            List<LiveWork> own = new ArrayList<>(workByAgent.getOrDefault(a.id(), List.of()));
            own.sort(Comparator.comparing(LiveWork::since).thenComparing(LiveWork::type).thenComparingLong(LiveWork::id));
            liveAgents.add(new LiveAgent(a.id(), a.name(), a.status(), a.state().wire, a.since(), List.copyOf(own)));
        }
        List<LiveQueue> queues = new ArrayList<>(menus.size());
        for (MenuRow m : menus) {
            Figures f = Figures.of(workByMenu.getOrDefault(m.id(), List.of()), asOf);
            LiveAgentCounts counts = counts(m.agentIds().stream().map(states::get).filter(Objects::nonNull).toList());
            queues.add(new LiveQueue(m.id(), m.name(), m.channel(), f.waiting, f.longestWaitSeconds,
                    f.oldestWaitingSince, f.calls, f.chats, counts, levels.getOrDefault(m.id(), LiveServiceLevel.NONE)));
        }
        Figures all = Figures.of(work, asOf);
        LiveTotals totals = new LiveTotals(all.waiting, all.longestWaitSeconds, all.oldestWaitingSince, all.calls,
                all.chats, counts(agents.stream().map(AgentRow::state).toList()), totalLevel);
        return new LiveSnapshot(partner, asOf, new LiveSnapshot.ServiceLevelSettings((int) threshold.toSeconds(),
                (int) window.toMinutes()), totals, queues, liveAgents);
    }

    private static LiveAgentCounts counts(List<AgentState> states) {
        Map<AgentState, Integer> n = new EnumMap<>(AgentState.class);
        states.forEach(s -> n.merge(s, 1, Integer::sum));
        return new LiveAgentCounts(n.getOrDefault(AgentState.AVAILABLE, 0), n.getOrDefault(AgentState.BUSY, 0),
                n.getOrDefault(AgentState.WRAP_UP, 0), n.getOrDefault(AgentState.UNAVAILABLE, 0),
                n.getOrDefault(AgentState.OFFLINE, 0));
    }

    /** Waiting and in-progress figures of some open work. */
    private record Figures(int waiting, long longestWaitSeconds, Instant oldestWaitingSince, int calls, int chats) {
        static Figures of(List<OpenWork> work, Instant asOf) {
            int waiting = 0;
            int calls = 0;
            int chats = 0;
            Instant oldest = null;
            for (OpenWork w : work) {
                if (w.waiting()) {
                    waiting++;
                    if (oldest == null || w.queuedAt().isBefore(oldest)) {
                        oldest = w.queuedAt();
                    }
                } else if ("call".equals(w.type())) {
                    calls++;
                } else {
                    chats++;
                }
            }
            long longest = oldest == null ? 0 : Math.max(0, Duration.between(oldest, asOf).toSeconds());
            return new Figures(waiting, longest, oldest, calls, chats);
        }
    }
}
