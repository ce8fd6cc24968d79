package io.switchboard.reporting.store;

import io.agroal.api.AgroalDataSource;
import io.switchboard.reporting.api.ListParams;
import io.switchboard.reporting.domain.CallFacts;
import io.switchboard.reporting.domain.CallMetrics;
import io.switchboard.reporting.domain.CallMetricsCalculator;
import io.switchboard.reporting.projection.CallStatusSql;
import io.switchboard.reporting.projection.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The Manager API's call objects (contract §5) with seed 001's segment metrics. */
@ApplicationScoped
public class CallReadModel {
    public static final List<String> SORT_COLUMNS = List.of("id", "created_at", "updated_at", "queued_at",
            "connected_at", "ends_at", "status", "call_type");
    private static final Map<String, String> SORT_SQL = Map.of("ends_at", "ended_at");

    private static final String SOURCE = "(SELECT c.*, " + CallStatusSql.STATUS + " AS status FROM calls c) t";

    @Inject
    AgroalDataSource dataSource;

    public ListQuery.Page<Map<String, Object>> list(String partner, ListParams params) throws SQLException {
        String sort = params.sortColumn("id", SORT_COLUMNS);
        ListQuery query = new ListQuery(SOURCE, partner)
                .range("updated_at", params.from("updated_at"), params.to("updated_at"))
                .range("created_at", params.from("created_at"), params.to("created_at"))
                .anyOfIds("id", params.ids("id"))
                .anyOf("status", params.strings("status"))
                .anyOf("call_type", params.strings("call_type"))
                .anyOfIds("menu_id", params.ids("menu_id"))
                .inTeams("COALESCE(connected_agent_id, agent_id)", params.ids("team_id"));
        List<Long> agentIds = params.ids("agent_id");
        if (!agentIds.isEmpty()) {
            query.where("(COALESCE(connected_agent_id, agent_id) = ANY(?) OR EXISTS (SELECT 1 FROM call_participants p"
                    + " WHERE p.partner_id = t.partner_id AND p.call_id = t.id AND p.user_id = ANY(?)"
                    + " AND p.participant_type = 'agent'))", new Sql.Longs(agentIds), new Sql.Longs(agentIds));
        }
        try (Connection c = dataSource.getConnection()) {
            ListQuery.Page<CallRow> page = params.cursor != null
                    ? query.tail(c, params.cursor, params.per, CallRow::of, CallRow::changeSeq)
                    : query.page(c, SORT_SQL.getOrDefault(sort, sort), params.sortDirection(), params.per,
                    params.offset(), CallRow::of);
            return new ListQuery.Page<>(render(c, partner, page.rows()), page.total(), page.nextCursor());
        }
    }

    public Optional<Map<String, Object>> find(String partner, long id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            ListQuery.Page<CallRow> page = new ListQuery(SOURCE, partner).where("id = ?", id)
                    .page(c, "id", "ASC", 1, 0, CallRow::of);
            return render(c, partner, page.rows()).stream().findFirst();
        }
    }

    record CallRow(long id, Long parentId, String lang, String callType, String status, Long menuId, Long agentId,
                   Long connectedAgentId, String outboundNumber, String recordingPermission, String recordingUrl,
                   String disconnectedBy, String failReason, Instant scheduledAt, Instant createdAt,
                   Instant queuedAt, Instant connectingAt, Instant connectedAt, Instant endedAt, Instant updatedAt,
                   Long durationMs, Long holdDurationMs, long changeSeq) {
        static CallRow of(ResultSet rs) throws SQLException {
            return new CallRow(rs.getLong("id"), Sql.longOrNull(rs, "parent_id"), rs.getString("lang"),
                    rs.getString("call_type"), rs.getString("status"), Sql.longOrNull(rs, "menu_id"),
                    Sql.longOrNull(rs, "agent_id"), Sql.longOrNull(rs, "connected_agent_id"),
                    rs.getString("outbound_number"), rs.getString("recording_permission"),
                    rs.getString("recording_url"), rs.getString("disconnected_by"), rs.getString("fail_reason"),
                    Sql.instant(rs, "scheduled_at"), Sql.instant(rs, "created_at"), Sql.instant(rs, "queued_at"),
                    Sql.instant(rs, "connecting_at"), Sql.instant(rs, "connected_at"), Sql.instant(rs, "ended_at"),
                    Sql.instant(rs, "updated_at"), Sql.longOrNull(rs, "duration_ms"),
                    Sql.longOrNull(rs, "hold_duration_ms"), rs.getLong("change_seq"));
        }

        boolean outbound() {
            return callType != null && callType.toLowerCase(Locale.ROOT).contains("outbound");
        }
    }

    private List<Map<String, Object>> render(Connection c, String partner, List<CallRow> calls) throws SQLException {
        if (calls.isEmpty()) {
            return List.of();
        }
        Sql.Longs ids = new Sql.Longs(calls.stream().map(CallRow::id).toList());
        Map<Long, List<CallFacts.Participant>> participants = new HashMap<>();
        Map<Long, Long> endUsers = new HashMap<>();
        Map<Long, Long> participantEndUsers = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT * FROM call_participants WHERE partner_id = ? AND call_id = ANY(?) ORDER BY id")) {
            Sql.bind(c, s, partner, ids);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long callId = rs.getLong("call_id");
                    participants.computeIfAbsent(callId, k -> new ArrayList<>()).add(new CallFacts.Participant(
                            rs.getLong("id"), rs.getString("participant_type"), Sql.longOrNull(rs, "user_id"),
                            rs.getString("phone_number"), Sql.instant(rs, "connected_at"), Sql.instant(rs, "ended_at")));
                    Long endUser = Sql.longOrNull(rs, "end_user_id");
                    if (endUser != null) {
                        participantEndUsers.put(rs.getLong("id"), endUser);
                        endUsers.putIfAbsent(callId, endUser);
                    }
                }
            }
        }
        Map<Long, List<TransferRow>> transfers = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT * FROM call_transfers WHERE partner_id = ? AND call_id = ANY(?) ORDER BY created_at, id")) {
            Sql.bind(c, s, partner, ids);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    transfers.computeIfAbsent(rs.getLong("call_id"), k -> new ArrayList<>()).add(new TransferRow(
                            new CallFacts.Transfer(rs.getLong("id"), rs.getString("target_type"),
                                    Sql.longOrNull(rs, "from_agent_id"), Sql.longOrNull(rs, "to_agent_id"),
                                    rs.getString("to_number"), Sql.instant(rs, "created_at")),
                            Sql.longOrNull(rs, "to_team_id")));
                }
            }
        }
        Set<Long> agentIds = new HashSet<>();
        for (CallRow call : calls) {
            agentIds.add(call.connectedAgentId());
            agentIds.add(call.agentId());
        }
        transfers.values().forEach(list -> list.forEach(t -> {
            agentIds.add(t.transfer().fromAgentId());
            agentIds.add(t.transfer().toAgentId());
        }));
        Map<Long, Map<String, Object>> users = Directory.userRefs(c, partner, agentIds);
        Map<Long, Directory.Menu> menus = Directory.menus(c, partner);

        Map<Long, List<Map<String, Object>>> photos = MediaReadModel.of(c, "photos", partner, "call", ids.values());
        Map<Long, List<Map<String, Object>>> videos = MediaReadModel.of(c, "videos", partner, "call", ids.values());
        List<Map<String, Object>> result = new ArrayList<>();
        for (CallRow call : calls) {
            List<CallFacts.Participant> callParticipants = participants.getOrDefault(call.id(), List.of());
            List<TransferRow> callTransfers = transfers.getOrDefault(call.id(), List.of());
            CallFacts facts = new CallFacts(call.outbound(), call.createdAt(), call.queuedAt(), call.connectingAt(),
                    call.connectedAt(), call.endedAt(), call.durationMs(), call.holdDurationMs(), callParticipants,
                    callTransfers.stream().map(TransferRow::transfer).toList());
            CallMetrics metrics = CallMetricsCalculator.compute(facts);
            Map<String, Object> json = callJson(call, facts, metrics, callTransfers, endUsers.get(call.id()),
                    participantEndUsers, users, menus);
            json.put("photos", photos.getOrDefault(call.id(), List.of()));
            json.put("videos", videos.getOrDefault(call.id(), List.of()));
            result.add(json);
        }
        return result;
    }

    private record TransferRow(CallFacts.Transfer transfer, Long toTeamId) {
    }

    private static Map<String, Object> callJson(CallRow call, CallFacts facts, CallMetrics m,
                                                List<TransferRow> transfers, Long endUserId,
                                                Map<Long, Long> participantEndUsers,
                                                Map<Long, Map<String, Object>> users,
                                                Map<Long, Directory.Menu> menus) {
        Map<String, Object> json = Json.object();
        json.put("id", call.id());
        json.put("parent_id", call.parentId());
        json.put("lang", call.lang());
        json.put("call_type", call.callType());
        json.put("status", call.status());
        json.put("created_at", Json.time(call.createdAt()));
        json.put("queued_at", Json.time(call.queuedAt()));
        json.put("assigned_at", Json.time(call.connectingAt()));
        json.put("connected_at", Json.time(call.connectedAt()));
        json.put("ends_at", Json.time(call.endedAt()));
        json.put("scheduled_at", Json.time(call.scheduledAt()));
        json.put("updated_at", Json.time(call.updatedAt()));
        json.put("wait_duration", Json.seconds(call.queuedAt(), call.connectedAt()));
        json.put("queue_duration", Json.seconds(call.queuedAt(), call.connectedAt()));
        json.put("call_duration", call.connectedAt() == null ? null : Json.seconds(call.durationMs()));
        json.put("hold_duration", call.connectedAt() == null ? null : Json.seconds(call.holdDurationMs()));
        json.put("recording_url", call.recordingUrl());
        json.put("recording_permission", call.recordingPermission());
        json.put("voicemail_reason", call.status() != null && call.status().startsWith("voicemail")
                ? "voicemail" : "not_voicemail");
        json.put("disconnected_by", call.disconnectedBy());
        json.put("fail_reason", call.failReason() != null ? call.failReason() : "nothing");
        json.put("outbound_number", call.outboundNumber());
        Directory.Menu menu = call.menuId() == null ? null : menus.get(call.menuId());
        json.put("selected_menu", menu == null ? null : Directory.basicMenu(menu));
        json.put("menu_path", Directory.menuPath(call.menuId(), menus));
        json.put("agent_info", Directory.userRef(call.connectedAgentId() != null ? call.connectedAgentId()
                : call.agentId(), users));
        if (endUserId != null) {
            Map<String, Object> endUser = Json.object();
            endUser.put("id", endUserId);
            endUser.put("identifier", null);
            endUser.put("out_contact_id", null);
            json.put("end_user", endUser);
        } else {
            json.put("end_user", null);
        }
        // Seed 001 segment metrics, seconds with millisecond precision; null where a segment does not apply.
        json.put("billing_time", m.billingTime());
        json.put("call_time", m.callTime());
        json.put("ivr_time", m.ivrTime());
        json.put("queue_time", m.queueTime());
        json.put("wait_time", m.waitTime());
        json.put("handle_time", m.handleTime());
        json.put("ring_time", m.ringTime());
        json.put("talk_time", m.talkTime());
        json.put("hold_time", m.holdTime());
        json.put("conference_time", m.conferenceTime());
        json.put("third_party_talk_time", m.thirdPartyTalkTime());
        json.put("photos", List.of());
        json.put("videos", List.of());
        json.put("transfers", transfersJson(call, facts, m, transfers, users));
        json.put("participants", facts.participants().stream().map(p -> participantJson(call.id(), call.endedAt(), p, participantEndUsers.get(p.id()))).toList());
        json.put("deflection_details", List.of());
        json.put("offer_events", List.of());
        return json;
    }

    private static List<Map<String, Object>> transfersJson(CallRow call, CallFacts facts, CallMetrics m,
                                                           List<TransferRow> transfers,
                                                           Map<Long, Map<String, Object>> users) {
        Map<Long, BigDecimal> times = new HashMap<>();
        m.transferTimes().forEach(t -> times.put(t.transferId(), t.transferTime()));
        List<Map<String, Object>> result = new ArrayList<>();
        for (TransferRow row : transfers) {
            CallFacts.Transfer t = row.transfer();
            BigDecimal time = times.get(t.id());
            Map<String, Object> json = Json.object();
            json.put("id", t.id());
            json.put("status", time != null ? "connected" : call.endedAt() != null ? "failed" : "transferring");
            json.put("fail_reason", time == null && call.endedAt() != null ? "unknown" : "nothing");
            json.put("created_at", Json.time(t.createdAt()));
            json.put("connected_at", time == null || t.createdAt() == null ? null
                    : Json.time(t.createdAt().plusMillis(time.movePointRight(3).longValueExact())));
            json.put("target_type", t.targetType());
            json.put("from_agent", Directory.userRef(t.fromAgentId(), users));
            json.put("to_agent", Directory.userRef(t.toAgentId(), users));
            json.put("to_team_id", row.toTeamId());
            json.put("to_number", t.toNumber());
            json.put("transfer_time", time);
            result.add(json);
        }
        return result;
    }

    /** Contract §5.6: a participant without its own end is connected until the call ended. */
    static Map<String, Object> participantJson(long callId, Instant callEndedAt, CallFacts.Participant p, Long endUserId) {
        Map<String, Object> json = Json.object();
        Instant end = p.endedAt() != null ? p.endedAt() : callEndedAt;
        json.put("id", p.id());
        json.put("type", p.type());
        json.put("status", p.connectedAt() == null ? "waiting" : end == null ? "connected" : "finished");
        json.put("call_id", callId);
        json.put("user_id", p.userId());
        json.put("end_user_id", endUserId);
        json.put("call_duration", Json.seconds(p.connectedAt(), end));
        json.put("connected_at", Json.time(p.connectedAt()));
        json.put("ended_at", Json.time(p.endedAt()));
        json.put("fail_reason", "nothing");
        json.put("phone_number", p.phoneNumber());
        return json;
    }
}
