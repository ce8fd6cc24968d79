package io.switchboard.reporting.dataapi.analytics;

import io.switchboard.events.WireTime;
import io.switchboard.reporting.calls.CallMetricsSource;
import io.switchboard.reporting.calls.CallMetricsSource.MeasuredCall;
import io.switchboard.reporting.dataapi.analytics.MetricsRequest.Grouping;
import io.switchboard.reporting.dataapi.analytics.MetricsTable.GroupKey;
import io.switchboard.reporting.dataapi.analytics.MetricsTable.Measured;
import io.switchboard.reporting.dataapi.conversations.Lifecycle;
import io.switchboard.reporting.dataapi.fetch.ArgumentProblem;
import io.switchboard.reporting.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

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
 * {@code CallMetricsCalculator} over the same facts; nothing here computes a duration.
 *
 * <p>Contained (seed 000: handled by the virtual agent or IVR alone) is {@link Lifecycle}'s rule, the one a
 * conversation's {@code containment} shows.
 */
@ApplicationScoped
public class ConversationMetricsQuery {
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
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try {
                Names names = new Names(c, partner, request.groupBy());
                if (!"CHAT".equals(request.channel())) {
                    for (MeasuredCall call : CallMetricsSource.created(c, partner, request.from(), request.to())) {
                        boolean contained = Lifecycle.of(new Lifecycle.CallFacts(call.endedAt() != null,
                                call.queuedAt() != null, call.connectingAt() != null, call.connectedAt() != null,
                                call.agentParticipant(), call.outbound(), call.transfers(), call.endedStatus())).contained();
                        table.add(call.partnerId(), call.createdAt(), names.groups(call.partnerId(), "CALL",
                                call.menuId(), call.handlingAgentId(), Set.of()),
                                new Measured(true, call.endedAt() != null, contained, call.metrics()));
                    }
                }
                if (!"CALL".equals(request.channel())) {
                    chats(c, partner, request, names, table);
                }
            } finally {
                c.rollback();
            }
        }
        if (table.size() > MAX_ROWS) {
            throw new ArgumentProblem("interval", "the answer would have more than " + MAX_ROWS + " rows: use a "
                    + "shorter range, a coarser interval or another groupBy");
        }
        return new ConversationMetrics(request.buckets().interval().name(), request.buckets().zone().getId(),
                WireTime.format(request.from()), WireTime.format(request.to()), by, request.channel(), table.rows());
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
                    boolean contained = Lifecycle.of(new Lifecycle.ChatFacts(ended, rs.getTimestamp("queued_at") != null,
                            rs.getTimestamp("assigned_at") != null, handOvers.getOrDefault(key, 0),
                            rs.getString("deflection_channel") != null)).contained();
                    table.add(key.partnerId(), Sql.instant(rs, "created_at"), names.groups(key.partnerId(), "CHAT",
                            Sql.longOrNull(rs, "menu_id"), agent == null || agent[1] == 0 ? null : agent[1],
                            intents.getOrDefault(key, Set.of())), new Measured(false, ended, contained, null));
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

        private GroupKey named(String partner, long id) {
            return new GroupKey(Long.toString(id), names.get(partner + "/" + id));
        }
    }
}
