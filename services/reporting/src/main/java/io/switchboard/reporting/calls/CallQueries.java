package io.switchboard.reporting.calls;

import io.switchboard.reporting.directory.DirectoryRefs;
import io.switchboard.reporting.directory.UserRef;
import io.switchboard.reporting.jdbc.Durations;
import io.switchboard.reporting.jdbc.ListParams;
import io.switchboard.reporting.jdbc.ListQuery;
import io.switchboard.reporting.jdbc.Page;
import io.switchboard.reporting.jdbc.Sql;
import io.switchboard.reporting.media.MediaQueries;
import io.switchboard.reporting.media.Photo;
import io.switchboard.reporting.media.Video;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
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

/**
 * The Manager API's calls (docs/api/manager.md#call-object) with the call-segment metrics, computed when
 * read from the stored facts ({@link CallMetricsCalculator}) so they never disagree with the times shown;
 * and the call participants as a list of their own.
 */
@ApplicationScoped
public class CallQueries {
    public static final List<String> SORT_COLUMNS = List.of("id", "created_at", "updated_at", "queued_at",
            "connected_at", "ends_at", "status", "call_type");
    public static final List<String> PARTICIPANT_SORT = List.of("id", "connected_at", "ended_at", "call_id");
    private static final Map<String, String> SORT_SQL = Map.of("ends_at", "ended_at");

    private static final String SOURCE = "(SELECT c.*, " + CallStatus.SQL + " AS status FROM calls c) t";
    /** A participant with its call's end, which ends it when it has no end of its own. */
    private static final String PARTICIPANTS = """
            (SELECT p.*, c.ended_at AS call_ended_at FROM call_participants p
               LEFT JOIN calls c ON c.partner_id = p.partner_id AND c.id = p.call_id) t""";

    private final DataSource dataSource;

    public CallQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Page<Call> list(String partner, ListParams params) throws SQLException {
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
            Page<CallRow> page = query.page(c, params, SORT_SQL.getOrDefault(sort, sort), CallRow::of, CallRow::changeSeq);
            return page.with(render(c, partner, page.rows()));
        }
    }

    public Optional<Call> find(String partner, long id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Page<CallRow> page = new ListQuery(SOURCE, partner).where("id = ?", id)
                    .page(c, "id", "ASC", 1, 0, CallRow::of);
            return render(c, partner, page.rows()).stream().findFirst();
        }
    }

    public Page<CallParticipant> participants(String partner, ListParams params) throws SQLException {
        String sort = params.sortColumn("id", PARTICIPANT_SORT);
        ListQuery query = new ListQuery(PARTICIPANTS, partner)
                .anyOfIds("call_id", params.ids("call_id"))
                .anyOfIds("user_id", params.ids("user_id"))
                .anyOf("participant_type", params.strings("type"))
                .range("connected_at", params.from("connected_at"), params.to("connected_at"));
        return query.page(dataSource, sort, params, rs -> CallParticipant.of(rs.getLong("call_id"),
                Sql.instant(rs, "call_ended_at"), participant(rs), Sql.longOrNull(rs, "end_user_id")));
    }

    static CallFacts.Participant participant(ResultSet rs) throws SQLException {
        return new CallFacts.Participant(rs.getLong("id"), rs.getString("participant_type"), Sql.longOrNull(rs, "user_id"),
                rs.getString("phone_number"), Sql.instant(rs, "connected_at"), Sql.instant(rs, "ended_at"));
    }

    /** An outbound call never passes an IVR (the one reading of {@code call_type} the metrics need). */
    public static boolean outbound(String callType) {
        return callType != null && callType.toLowerCase(Locale.ROOT).contains("outbound");
    }

    /** The agent who handles a call (the Manager API's {@code agent_info}): the one connected, else the one it was created for. */
    static Long handlingAgent(Long connectedAgentId, Long agentId) {
        return connectedAgentId != null ? connectedAgentId : agentId;
    }

    /** A transfer row as the metrics read it. */
    static CallFacts.Transfer transfer(ResultSet rs) throws SQLException {
        return new CallFacts.Transfer(rs.getLong("id"), rs.getString("target_type"), Sql.longOrNull(rs, "from_agent_id"),
                Sql.longOrNull(rs, "to_agent_id"), rs.getString("to_number"), Sql.instant(rs, "created_at"));
    }

    private record CallRow(long id, Long parentId, String lang, String callType, String status, Long menuId, Long agentId,
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
            return CallQueries.outbound(callType);
        }

        /** The agent who handles the call: the one connected, else the one it was created for. */
        Long handlingAgentId() {
            return handlingAgent(connectedAgentId, agentId);
        }
    }

    private record TransferRow(CallFacts.Transfer transfer, Long toTeamId) {
    }

    private static List<Call> render(Connection c, String partner, List<CallRow> calls) throws SQLException {
        if (calls.isEmpty()) {
            return List.of();
        }
        List<Long> callIds = calls.stream().map(CallRow::id).toList();
        Sql.Longs ids = new Sql.Longs(callIds);
        Map<Long, List<CallFacts.Participant>> participants = new HashMap<>();
        Map<Long, Long> endUsers = new HashMap<>();
        Map<Long, Long> participantEndUsers = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT * FROM call_participants WHERE partner_id = ? AND call_id = ANY(?) ORDER BY id")) {
            Sql.bind(c, s, partner, ids);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long callId = rs.getLong("call_id");
                    participants.computeIfAbsent(callId, k -> new ArrayList<>()).add(participant(rs));
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
                            transfer(rs), Sql.longOrNull(rs, "to_team_id")));
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
        Map<Long, UserRef.UserReference> users = DirectoryRefs.userRefs(c, partner, agentIds);
        Map<Long, DirectoryRefs.MenuRow> menus = DirectoryRefs.menus(c, partner);
        Map<Long, List<Photo>> photos = MediaQueries.photosOf(c, partner, "call", callIds);
        Map<Long, List<Video>> videos = MediaQueries.videosOf(c, partner, "call", callIds);

        List<Call> result = new ArrayList<>();
        for (CallRow call : calls) {
            List<TransferRow> callTransfers = transfers.getOrDefault(call.id(), List.of());
            CallFacts facts = new CallFacts(call.outbound(), call.createdAt(), call.queuedAt(), call.connectingAt(),
                    call.connectedAt(), call.endedAt(), call.durationMs(), call.holdDurationMs(),
                    participants.getOrDefault(call.id(), List.of()),
                    callTransfers.stream().map(TransferRow::transfer).toList());
            CallMetrics m = CallMetricsCalculator.compute(facts);
            Long endUserId = endUsers.get(call.id());
            boolean connected = call.connectedAt() != null;
            result.add(new Call(call.id(), call.parentId(), call.lang(), call.callType(), call.status(),
                    call.createdAt(), call.queuedAt(), call.connectingAt(), call.connectedAt(), call.endedAt(),
                    call.scheduledAt(), call.updatedAt(),
                    Durations.seconds(call.queuedAt(), call.connectedAt()),
                    Durations.seconds(call.queuedAt(), call.connectedAt()),
                    connected ? Durations.seconds(call.durationMs()) : null,
                    connected ? Durations.seconds(call.holdDurationMs()) : null,
                    call.recordingUrl(), call.recordingPermission(),
                    call.status() != null && call.status().startsWith("voicemail") ? "voicemail" : "not_voicemail",
                    call.disconnectedBy(), call.failReason() != null ? call.failReason() : "nothing",
                    call.outboundNumber(),
                    DirectoryRefs.selectedMenu(call.menuId(), menus), DirectoryRefs.menuPath(call.menuId(), menus),
                    DirectoryRefs.userRef(call.handlingAgentId(), users),
                    endUserId == null ? null : new Call.CallEndUser(endUserId, null, null),
                    m.billingTime(), m.callTime(), m.ivrTime(), m.queueTime(), m.waitTime(), m.handleTime(),
                    m.ringTime(), m.talkTime(), m.holdTime(), m.conferenceTime(), m.thirdPartyTalkTime(),
                    photos.getOrDefault(call.id(), List.of()), videos.getOrDefault(call.id(), List.of()),
                    transfers(call, m, callTransfers, users),
                    facts.participants().stream().map(p -> CallParticipant.of(call.id(), call.endedAt(), p,
                            participantEndUsers.get(p.id()))).toList(),
                    List.of(), List.of()));
        }
        return result;
    }

    private static List<CallTransfer> transfers(CallRow call, CallMetrics m, List<TransferRow> transfers,
                                                Map<Long, UserRef.UserReference> users) {
        Map<Long, BigDecimal> times = new HashMap<>();
        m.transferTimes().forEach(t -> times.put(t.transferId(), t.transferTime()));
        List<CallTransfer> result = new ArrayList<>();
        for (TransferRow row : transfers) {
            CallFacts.Transfer t = row.transfer();
            BigDecimal time = times.get(t.id());
            String status = time != null ? "connected" : call.endedAt() != null ? "failed" : "transferring";
            result.add(new CallTransfer(t.id(), status, time == null && call.endedAt() != null ? "unknown" : "nothing",
                    t.createdAt(), time == null || t.createdAt() == null ? null
                    : t.createdAt().plusMillis(time.movePointRight(3).longValueExact()),
                    t.targetType(), DirectoryRefs.userRef(t.fromAgentId(), users),
                    DirectoryRefs.userRef(t.toAgentId(), users), row.toTeamId(), t.toNumber(), time));
        }
        return result;
    }
}
