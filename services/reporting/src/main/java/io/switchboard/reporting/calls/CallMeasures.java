package io.switchboard.reporting.calls;

import io.switchboard.consumer.positions.ArrayLiteral;
import io.switchboard.reporting.calls.CallMetricsSource.Key;
import io.switchboard.reporting.calls.CallMetricsSource.MeasuredCall;
import io.switchboard.reporting.jdbc.Sql;
import io.switchboard.reporting.lifecycle.Lifecycle;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code call_measures} table: per call, its Manager API metrics as whole milliseconds, its {@link Lifecycle}
 * flags and what the analytics group it by, so that adding up a month of calls is one {@code GROUP BY}. Nothing here
 * computes a duration or a flag: the rows are {@link CallMetricsSource}'s calls ({@link CallMetricsCalculator} over
 * the stored facts) and {@link Lifecycle}'s rule, written by the calls projection after each batch for the calls it
 * touched ({@link #refresh}). Each row carries the {@code change_seq} of the calls row it was computed from; rows
 * that do not match (calls projected before the table existed) are found by {@link #stale} and refreshed.
 */
public final class CallMeasures {
    public static final String TABLE = "call_measures";

    /** The metrics in the order of the table's {@code *_ms} columns (transfer time apart: it is per transfer). */
    public static final List<Function<CallMetrics, BigDecimal>> METRICS = List.of(CallMetrics::billingTime,
            CallMetrics::callTime, CallMetrics::ivrTime, CallMetrics::queueTime, CallMetrics::waitTime,
            CallMetrics::handleTime, CallMetrics::ringTime, CallMetrics::talkTime, CallMetrics::holdTime,
            CallMetrics::conferenceTime, CallMetrics::thirdPartyTalkTime);
    /** The {@code *_ms} columns, in {@link #METRICS}' order. */
    public static final List<String> METRIC_COLUMNS = List.of("billing_ms", "call_ms", "ivr_ms", "queue_ms", "wait_ms",
            "handle_ms", "ring_ms", "talk_ms", "hold_ms", "conference_ms", "third_party_talk_ms");

    /** The SQL types of the table's columns, in the order of the upsert. */
    private static final List<String> COLUMN_TYPES;
    private static final String UPSERT;

    static {
        List<String> types = new ArrayList<>(List.of("text", "int8", "int8", "timestamptz", "int8", "int8", "bool", "bool",
                "bool", "bool", "bool"));
        METRIC_COLUMNS.forEach(column -> types.add("int8"));
        types.addAll(List.of("int4", "int8"));
        COLUMN_TYPES = List.copyOf(types);
        String columns = "partner_id, call_id, change_seq, created_at, menu_id, agent_id, ended, contained, abandoned,"
                + " transferred, deflected, " + String.join(", ", METRIC_COLUMNS) + ", transfer_times, transfer_ms";
        StringBuilder arrays = new StringBuilder();
        COLUMN_TYPES.forEach(type -> arrays.append(arrays.isEmpty() ? "" : ", ").append("?::text::").append(type).append("[]"));
        StringBuilder updates = new StringBuilder();
        for (String column : columns.split(", ")) {
            if (!column.equals("partner_id") && !column.equals("call_id")) {
                updates.append(updates.isEmpty() ? "" : ", ").append(column).append(" = EXCLUDED.").append(column);
            }
        }
        // The guard keeps a newer row: a refresh that read the facts before a concurrent batch changed them
        // must not overwrite what that batch computed.
        UPSERT = "INSERT INTO " + TABLE + " (" + columns + ") SELECT * FROM unnest(" + arrays + ")"
                + " ON CONFLICT (partner_id, call_id) DO UPDATE SET " + updates
                + " WHERE " + TABLE + ".change_seq <= EXCLUDED.change_seq";
    }

    private CallMeasures() {
    }

    /** One call's row. Durations are milliseconds, null where the Manager API's metric is null. */
    public record Row(String partnerId, long callId, long changeSeq, Instant createdAt, Long menuId, Long agentId,
                      Lifecycle lifecycle, Long[] millis, int transferTimes, long transferMillis) {

        public static Row of(MeasuredCall call) {
            Lifecycle lifecycle = Lifecycle.of(new Lifecycle.CallFacts(call.endedAt() != null, call.queuedAt() != null,
                    call.connectingAt() != null, call.connectedAt() != null, call.agentParticipant(), call.outbound(),
                    call.transfers(), call.endedStatus()));
            Long[] millis = new Long[METRICS.size()];
            for (int i = 0; i < millis.length; i++) {
                millis[i] = millis(METRICS.get(i).apply(call.metrics()));
            }
            int transferTimes = 0;
            long transferMillis = 0;
            for (CallMetrics.TransferTime t : call.metrics().transferTimes()) {
                if (t.transferTime() != null) {
                    transferTimes++;
                    transferMillis += millis(t.transferTime());
                }
            }
            return new Row(call.partnerId(), call.id(), call.changeSeq(), call.createdAt(), call.menuId(),
                    call.handlingAgentId(), lifecycle, millis, transferTimes, transferMillis);
        }

        /** The metrics have exactly three decimals: whole milliseconds add up exactly. */
        private static Long millis(BigDecimal seconds) {
            return seconds == null ? null : seconds.movePointRight(3).longValueExact();
        }
    }

    /** Recomputes the rows of these calls from their stored facts, in the caller's transaction. */
    public static void refresh(Connection c, Collection<Key> calls) throws SQLException {
        List<MeasuredCall> measured = CallMetricsSource.of(c, calls);
        if (measured.isEmpty()) {
            return;
        }
        List<Row> rows = new ArrayList<>(measured.size());
        measured.forEach(call -> rows.add(Row.of(call)));
        write(c, rows);
    }

    /** Writes these rows (one statement, a column per array), keeping any row already computed from newer facts. */
    public static void write(Connection c, List<Row> rows) throws SQLException {
        List<List<Object>> columns = new ArrayList<>();
        for (int i = 0; i < COLUMN_TYPES.size(); i++) {
            columns.add(new ArrayList<>(rows.size()));
        }
        for (Row r : rows) {
            Lifecycle l = r.lifecycle();
            List<Object> values = new ArrayList<>(List.of(r.partnerId(), r.callId(), r.changeSeq()));
            values.add(r.createdAt());
            values.add(r.menuId());
            values.add(r.agentId());
            values.addAll(List.of(l.containment() != Lifecycle.Containment.IN_PROGRESS, l.contained(), l.abandoned(),
                    l.transferred(), l.deflected()));
            values.addAll(java.util.Arrays.asList(r.millis()));
            values.add(r.transferTimes());
            values.add(r.transferMillis());
            for (int i = 0; i < values.size(); i++) {
                columns.get(i).add(values.get(i));
            }
        }
        try (PreparedStatement s = c.prepareStatement(UPSERT)) {
            for (int i = 0; i < columns.size(); i++) {
                s.setString(i + 1, ArrayLiteral.of(columns.get(i)));
            }
            s.executeUpdate();
        }
    }

    /**
     * The calls created in [from, to) of the partner (every partner when null) whose row is missing or was computed
     * from older facts than the calls row shows now.
     */
    public static List<Key> stale(Connection c, String partner, Instant from, Instant to) throws SQLException {
        List<Key> stale = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT c.partner_id, c.id FROM calls c LEFT JOIN " + TABLE
                + " m ON m.partner_id = c.partner_id AND m.call_id = c.id AND m.change_seq = c.change_seq"
                + " WHERE c.created_at >= ? AND c.created_at < ?" + (partner == null ? "" : " AND c.partner_id = ?")
                + " AND m.call_id IS NULL")) {
            Sql.bind(c, s, partner == null ? new Object[] {from, to} : new Object[] {from, to, partner});
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    stale.add(new Key(rs.getString(1), rs.getLong(2)));
                }
            }
        }
        return stale;
    }
}
