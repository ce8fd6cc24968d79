package io.switchboard.reporting.dataapi.analytics;

import io.switchboard.events.WireTime;
import io.switchboard.consumer.positions.ArrayLiteral;
import io.switchboard.reporting.calls.CallMeasures;
import io.switchboard.reporting.calls.CallMetricsSource;
import io.switchboard.reporting.calls.CallMetricsSource.Key;
import io.switchboard.reporting.calls.CallMetricsSource.MeasuredCall;
import io.switchboard.reporting.dataapi.analytics.MetricsRequest.Grouping;
import io.switchboard.reporting.dataapi.analytics.MetricsTable.GroupKey;
import io.switchboard.reporting.dataapi.analytics.MetricsTable.Totals;
import io.switchboard.reporting.lifecycle.Lifecycle;
import io.switchboard.reporting.dataapi.fetch.ArgumentProblem;
import io.switchboard.reporting.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code conversationdata:getConversationMetrics}: conversations created in a range, counted and their call-segment
 * metrics summed per bucket and group. The calls' metrics are {@link CallMetricsSource}'s, i.e. the Manager API's
 * {@code CallMetricsCalculator} over the same facts, which the calls projection keeps per call in
 * {@link CallMeasures} (so SQL adds a month of calls up in one {@code GROUP BY}, bucketed by {@code width_bucket}
 * over the bucket starts {@link Buckets} computed); nothing here computes a duration.
 *
 * <p>Contained, abandoned, transferred and deflected (seed 000's lifecycle terms) are {@link Lifecycle}'s rule, the
 * one a conversation's {@code containment} and {@code lifecycle} show.
 */
@ApplicationScoped
public class ConversationMetricsQuery {
    private static final Logger LOG = Logger.getLogger(ConversationMetricsQuery.class);
    /** More rows than this is refused (narrow the range, a coarser interval or another grouping). */
    public static final int MAX_ROWS = 10_000;

    private final DataSource dataSource;

    public ConversationMetricsQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** {@code partner} null: every partner (the system level); rows are always per partner. */
    public ConversationMetrics run(String partner, MetricsRequest request) throws SQLException {
        String by = request.groupBy() == null ? null : request.groupBy().name();
        MetricsTable table = new MetricsTable(request.buckets(), by);
        List<CallMeasures.Row> repaired = List.of();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            // One snapshot for every statement: calls and chats counted as of the same instant.
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                Names names = new Names(c, partner, request.groupBy());
                if (!"CHAT".equals(request.channel())) {
                    repaired = calls(c, partner, request, names, table);
                }
                if (!"CALL".equals(request.channel())) {
                    chats(c, partner, request, names, table);
                }
            } finally {
                c.rollback();
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setReadOnly(false);
            }
        }
        if (!repaired.isEmpty()) {
            repair(repaired);
        }
        if (table.size() > MAX_ROWS) {
            throw new ArgumentProblem("interval", "the answer would have more than " + MAX_ROWS + " rows: use a "
                    + "shorter range, a coarser interval or another groupBy");
        }
        return new ConversationMetrics(request.buckets().interval().name(), request.buckets().zone().getId(),
                WireTime.format(request.from()), WireTime.format(request.to()), by, request.channel(), table.rows());
    }

    /**
     * The calls, summed by SQL over their {@link CallMeasures} rows per bucket and group; calls whose row is missing
     * or older than their facts (projected before the table existed) are measured here instead and returned, so they
     * can be written for the next query.
     */
    private static List<CallMeasures.Row> calls(Connection c, String partner, MetricsRequest request, Names names,
                                                MetricsTable table) throws SQLException {
        List<Key> stale = CallMeasures.stale(c, partner, request.from(), request.to());
        List<Instant> starts = new ArrayList<>();
        for (Instant b = request.from(); b.isBefore(request.to()); b = request.buckets().next(b)) {
            starts.add(b);
        }
        // The sub-select parses the bucket starts once: a cast to timestamptz[] is only stable, so inline it would be
        // parsed again for every row (PT15M: 2,976 starts × every call).
        StringBuilder sql = new StringBuilder("SELECT m.partner_id, width_bucket(m.created_at,"
                + " (SELECT ?::text::timestamptz[])) AS b, ")
                .append(names.column()).append(" AS g, count(*) AS calls, count(*) FILTER (WHERE m.ended) AS ended,")
                .append(" count(*) FILTER (WHERE m.contained) AS contained, count(*) FILTER (WHERE m.abandoned) AS abandoned,")
                .append(" count(*) FILTER (WHERE m.transferred) AS transferred,")
                .append(" count(*) FILTER (WHERE m.deflected) AS deflected");
        for (String column : CallMeasures.METRIC_COLUMNS) {
            sql.append(", count(m.").append(column).append("), coalesce(sum(m.").append(column).append("), 0)");
        }
        sql.append(", sum(m.transfer_times), sum(m.transfer_ms) FROM ").append(CallMeasures.TABLE).append(" m")
                .append(names.join()).append(" WHERE ").append(range("m", partner));
        List<Object> params = new ArrayList<>();
        params.add(ArrayLiteral.of(starts));
        params.addAll(List.of(params(partner, request.from(), request.to())));
        if (!stale.isEmpty()) {
            // NOT EXISTS, not NOT IN: a hashed anti-join (a row-valued NOT IN compares every pair)
            sql.append(" AND NOT EXISTS (SELECT 1 FROM unnest(?::text::text[], ?::text::int8[]) s(partner_id, call_id)"
                    + " WHERE s.partner_id = m.partner_id AND s.call_id = m.call_id)");
            params.add(ArrayLiteral.of(stale.stream().map(Key::partnerId).toList()));
            params.add(ArrayLiteral.of(stale.stream().map(Key::callId).toList()));
        }
        sql.append(" GROUP BY 1, 2, 3");
        int metrics = CallMeasures.METRIC_COLUMNS.size() + 1;
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            Sql.bind(c, s, params.toArray());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int[] counts = new int[metrics];
                    long[] millis = new long[metrics];
                    for (int i = 0; i < metrics; i++) {
                        counts[i] = rs.getInt(10 + 2 * i);
                        millis[i] = rs.getLong(11 + 2 * i);
                    }
                    String partnerId = rs.getString(1);
                    table.addTotals(partnerId, starts.get(rs.getInt(2) - 1), names.key(partnerId, rs.getString(3)),
                            new Totals(rs.getInt(4), 0, rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8),
                                    rs.getInt(9), counts, millis));
                }
            }
        }
        List<CallMeasures.Row> measured = new ArrayList<>(stale.size());
        for (MeasuredCall call : CallMetricsSource.of(c, stale)) {
            CallMeasures.Row row = CallMeasures.Row.of(call);
            measured.add(row);
            table.addConversation(call.partnerId(), call.createdAt(), names.groups(call.partnerId(), "CALL", call.menuId(),
                    call.handlingAgentId(), Set.of()), Totals.call(row));
        }
        return measured;
    }

    /** Best effort: the answer is already computed; a failure only means the next query measures them again. */
    private void repair(List<CallMeasures.Row> rows) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(false);
            try {
                CallMeasures.write(c, rows);
                c.commit();
                LOG.infof("analytics: measured %d calls projected before call_measures existed (or changed since)",
                        rows.size());
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            LOG.warnf(e, "analytics: could not store the measures of %d calls; the next query measures them again",
                    rows.size());
        }
    }

    private static String range(String alias, String partner) {
        return alias + ".created_at >= ? AND " + alias + ".created_at < ?"
                + (partner == null ? "" : " AND " + alias + ".partner_id = ?");
    }

    private static Object[] params(String partner, Instant from, Instant to) {
        return partner == null ? new Object[] {from, to} : new Object[] {from, to, partner};
    }

    private record ChatKey(String partnerId, long chatId) {
    }

    private static void chats(Connection c, String partner, MetricsRequest request, Names names, MetricsTable table)
            throws SQLException {
        Object[] params = params(partner, request.from(), request.to());
        Map<ChatKey, Set<String>> intents = new HashMap<>();
        if (request.groupBy() == Grouping.INTENT) {
            // The same rule as a conversation's objectives: the topics its redacted messages reached.
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT m.partner_id, m.chat_id, m.topic FROM chats c"
                    + " JOIN chat_messages m ON m.partner_id = c.partner_id AND m.chat_id = c.id WHERE " + range("c", partner)
                    + " AND m.topic IS NOT NULL AND m.score IS NOT NULL")) {
                Sql.bind(c, s, params);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        intents.computeIfAbsent(new ChatKey(rs.getString(1), rs.getLong(2)), k -> new HashSet<>())
                                .add(rs.getString(3));
                    }
                }
            }
        }
        // The agent a chat is counted for is the Manager API's agent_info: its last agent hand-over.
        Map<ChatKey, long[]> lastAgent = new HashMap<>();
        Map<ChatKey, Integer> handOvers = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT p.partner_id, p.chat_id, p.segment, p.user_id FROM chats c"
                + " JOIN chat_participants p ON p.partner_id = c.partner_id AND p.chat_id = c.id WHERE " + range("c", partner)
                + " AND p.participant_type = 'agent'")) {
            Sql.bind(c, s, params);
            s.setFetchSize(5000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long segment = rs.getLong(3);
                    long user = rs.getLong(4);
                    handOvers.merge(new ChatKey(rs.getString(1), rs.getLong(2)), 1, Integer::sum);
                    long[] known = lastAgent.computeIfAbsent(new ChatKey(rs.getString(1), rs.getLong(2)),
                            k -> new long[] {Long.MIN_VALUE, 0});
                    if (segment > known[0]) {
                        known[0] = segment;
                        known[1] = rs.wasNull() ? 0 : user;
                    }
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT c.partner_id, c.id, c.created_at, c.menu_id, c.ended_at,"
                + " c.assigned_at, c.queued_at, c.deflection_channel FROM chats c WHERE " + range("c", partner))) {
            Sql.bind(c, s, params);
            s.setFetchSize(5000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ChatKey key = new ChatKey(rs.getString("partner_id"), rs.getLong("id"));
                    long[] agent = lastAgent.get(key);
                    boolean ended = rs.getTimestamp("ended_at") != null;
                    Lifecycle lifecycle = Lifecycle.of(new Lifecycle.ChatFacts(ended, rs.getTimestamp("queued_at") != null,
                            rs.getTimestamp("assigned_at") != null, handOvers.getOrDefault(key, 0),
                            rs.getString("deflection_channel") != null));
                    table.addConversation(key.partnerId(), Sql.instant(rs, "created_at"), names.groups(key.partnerId(), "CHAT",
                            Sql.longOrNull(rs, "menu_id"), agent == null || agent[1] == 0 ? null : agent[1],
                            intents.getOrDefault(key, Set.of())), Totals.chat(lifecycle));
                }
            }
        }
    }

    /** The names of the groups (menus, agents, teams) and the agents' current teams, read once per query. */
    private static final class Names {
        private final Grouping by;
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, List<Long>> teamsOfAgent = new HashMap<>();

        Names(Connection c, String partner, Grouping by) throws SQLException {
            this.by = by;
            if (by == Grouping.MENU) {
                load(c, "menus", partner);
            } else if (by == Grouping.AGENT) {
                load(c, "agents", partner);
            } else if (by == Grouping.TEAM) {
                load(c, "teams", partner);
                // The Manager API's team filter: the handling agent's teams now (team_members.member).
                try (PreparedStatement s = c.prepareStatement("SELECT partner_id, agent_id, team_id FROM team_members"
                        + " WHERE member" + (partner == null ? "" : " AND partner_id = ?"))) {
                    Sql.bind(c, s, partner == null ? new Object[0] : new Object[] {partner});
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            teamsOfAgent.computeIfAbsent(rs.getString(1) + "/" + rs.getLong(2), k -> new ArrayList<>())
                                    .add(rs.getLong(3));
                        }
                    }
                }
            }
        }

        private void load(Connection c, String table, String partner) throws SQLException {
            try (PreparedStatement s = c.prepareStatement("SELECT partner_id, id, name FROM " + table
                    + (partner == null ? "" : " WHERE partner_id = ?"))) {
                Sql.bind(c, s, partner == null ? new Object[0] : new Object[] {partner});
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        names.put(rs.getString(1) + "/" + rs.getLong(2), rs.getString(3));
                    }
                }
            }
        }

        List<GroupKey> groups(String partner, String channel, Long menuId, Long agentId, Set<String> intents) {
            if (by == null) {
                return List.of(new GroupKey(null, null));
            }
            return switch (by) {
                case CHANNEL -> List.of(new GroupKey(channel, channel));
                case MENU -> menuId == null ? List.of() : List.of(named(partner, menuId));
                case AGENT -> agentId == null ? List.of() : List.of(named(partner, agentId));
                case TEAM -> agentId == null ? List.of() : teamsOfAgent.getOrDefault(partner + "/" + agentId, List.of())
                        .stream().sorted().map(team -> named(partner, team)).toList();
                case INTENT -> intents.stream().sorted().map(i -> new GroupKey(i, i)).toList();
            };
        }

        /** The SQL expression (over {@code call_measures m}) of a call's group id; null for none. */
        String column() {
            if (by == null || by == Grouping.INTENT) {
                return "NULL::text";
            }
            return switch (by) {
                case CHANNEL -> "'CALL'";
                case MENU -> "m.menu_id::text";
                case AGENT -> "m.agent_id::text";
                case TEAM -> "t.team_id::text";
                case INTENT -> throw new IllegalStateException();
            };
        }

        /** The join {@link #column} needs: a call counts once in each of its handling agent's teams now. */
        String join() {
            return by == Grouping.TEAM ? " LEFT JOIN team_members t ON t.partner_id = m.partner_id"
                    + " AND t.agent_id = m.agent_id AND t.member" : "";
        }

        /** The group of a row SQL summed, by its {@link #column} value (null: the group without an id). */
        GroupKey key(String partner, String id) {
            if (id == null) {
                return null;
            }
            return by == Grouping.CHANNEL || by == Grouping.INTENT ? new GroupKey(id, id) : named(partner, Long.parseLong(id));
        }

        private GroupKey named(String partner, long id) {
            return new GroupKey(Long.toString(id), names.get(partner + "/" + id));
        }
    }
}
