package io.switchboard.reporting.calls;

import io.switchboard.reporting.jdbc.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every call created in a time range, with its segment metrics computed by {@link CallMetricsCalculator} from the
 * same facts {@link CallQueries} reads for the Manager API (same columns, same participant and transfer rows, same
 * outbound and handling-agent rules), so an aggregate of these metrics is the sum of the Manager API's per-call
 * values. Three statements whatever the number of calls (calls, then their participants and transfers by a join on
 * the same range), each keyed by the {@code calls_created} index.
 */
public final class CallMetricsSource {

    /** One call as the analytics group and count it, with its metrics. */
    public record MeasuredCall(String partnerId, long id, long changeSeq, Instant createdAt, Long menuId,
                               Long handlingAgentId, boolean outbound, Instant queuedAt, Instant connectingAt,
                               Instant connectedAt, Instant endedAt, String endedStatus, boolean agentParticipant,
                               int transfers, CallMetrics metrics) {
    }

    /** A call's key. */
    public record Key(String partnerId, long callId) {
    }

    private CallMetricsSource() {
    }

    /**
     * The calls created in [from, to) of the partner (every partner when null), in no particular order.
     */
    public static List<MeasuredCall> created(Connection c, String partner, Instant from, Instant to) throws SQLException {
        String range = "c.created_at >= ? AND c.created_at < ?" + (partner == null ? "" : " AND c.partner_id = ?");
        return load(c, range, partner == null ? new Object[] {from, to} : new Object[] {from, to, partner});
    }

    /** These calls (those that exist), in no particular order. */
    public static List<MeasuredCall> of(Connection c, Collection<Key> calls) throws SQLException {
        if (calls.isEmpty()) {
            return List.of();
        }
        List<String> partners = new ArrayList<>(calls.size());
        List<Long> ids = new ArrayList<>(calls.size());
        calls.forEach(k -> {
            partners.add(k.partnerId());
            ids.add(k.callId());
        });
        return load(c, "(c.partner_id, c.id) IN (SELECT * FROM unnest(?::text[], ?::bigint[]))",
                new Object[] {partners, new Sql.Longs(ids)});
    }

    private static List<MeasuredCall> load(Connection c, String range, Object[] params) throws SQLException {
        Map<Key, List<CallFacts.Participant>> participants = new HashMap<>();
        // No ORDER BY: the calculator orders what it needs (a sort of every participant of the range would cost more
        // than the rest of the statement).
        try (PreparedStatement s = c.prepareStatement("SELECT p.partner_id, p.call_id, p.id, p.participant_type, p.user_id,"
                + " p.phone_number, p.connected_at, p.ended_at FROM calls c JOIN call_participants p"
                + " ON p.partner_id = c.partner_id AND p.call_id = c.id WHERE " + range)) {
            Sql.bind(c, s, params);
            s.setFetchSize(5000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    participants.computeIfAbsent(new Key(rs.getString("partner_id"), rs.getLong("call_id")),
                            k -> new ArrayList<>()).add(CallQueries.participant(rs));
                }
            }
        }
        Map<Key, List<CallFacts.Transfer>> transfers = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT t.* FROM calls c JOIN call_transfers t"
                + " ON t.partner_id = c.partner_id AND t.call_id = c.id WHERE " + range)) {
            Sql.bind(c, s, params);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    transfers.computeIfAbsent(new Key(rs.getString("partner_id"), rs.getLong("call_id")),
                            k -> new ArrayList<>()).add(CallQueries.transfer(rs));
                }
            }
        }
        List<MeasuredCall> result = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT c.partner_id, c.id, c.call_type, c.menu_id, c.agent_id,"
                + " c.connected_agent_id, c.created_at, c.queued_at, c.connecting_at, c.connected_at, c.ended_at,"
                + " c.ended_status, c.duration_ms, c.hold_duration_ms, c.change_seq FROM calls c WHERE " + range)) {
            Sql.bind(c, s, params);
            s.setFetchSize(5000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Key key = new Key(rs.getString("partner_id"), rs.getLong("id"));
                    boolean outbound = CallQueries.outbound(rs.getString("call_type"));
                    List<CallFacts.Participant> ps = participants.getOrDefault(key, List.of());
                    CallFacts facts = new CallFacts(outbound, Sql.instant(rs, "created_at"),
                            Sql.instant(rs, "queued_at"), Sql.instant(rs, "connecting_at"),
                            Sql.instant(rs, "connected_at"), Sql.instant(rs, "ended_at"),
                            Sql.longOrNull(rs, "duration_ms"), Sql.longOrNull(rs, "hold_duration_ms"), ps,
                            transfers.getOrDefault(key, List.of()));
                    result.add(new MeasuredCall(key.partnerId(), key.callId(), rs.getLong("change_seq"), facts.createdAt(),
                            Sql.longOrNull(rs, "menu_id"), CallQueries.handlingAgent(
                                    Sql.longOrNull(rs, "connected_agent_id"), Sql.longOrNull(rs, "agent_id")),
                            outbound, facts.queuedAt(), facts.connectingAt(), facts.connectedAt(), facts.endedAt(),
                            rs.getString("ended_status"), ps.stream().anyMatch(CallFacts.Participant::isAgent),
                            facts.transfers().size(),
                            CallMetricsCalculator.compute(facts)));
                }
            }
        }
        return result;
    }
}
