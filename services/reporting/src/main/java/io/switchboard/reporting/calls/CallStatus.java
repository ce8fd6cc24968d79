package io.switchboard.reporting.calls;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.interaction.CallEvents.CallConnected;
import io.switchboard.events.interaction.CallEvents.CallConnecting;
import io.switchboard.events.interaction.CallEvents.CallCreated;
import io.switchboard.events.interaction.CallEvents.CallEnded;
import io.switchboard.events.interaction.CallEvents.CallQueued;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The status a call shows, derived from its facts rather than stored, so it does not depend on the order
 * its events were applied in: the end status once ended, else the furthest step reached, else the status
 * it was created with. The rule is written once ({@link #STEPS}) and read two ways: as SQL over a
 * {@code calls} row ({@link #SQL}: the lists' status filter and sort) and in Java over {@link Facts} (the
 * former status of a changed detail).
 */
public final class CallStatus {

    /** A step of a call: once its column has a time, the call shows this status (unless it has ended). */
    private record Step(String column, String status) {
    }

    /** Furthest first. */
    private static final List<Step> STEPS = List.of(new Step("connected_at", "connected"),
            new Step("connecting_at", "connecting"), new Step("queued_at", "queued"));

    /** The status over a row of {@code calls}. */
    public static final String SQL = sql();

    private CallStatus() {
    }

    private static String sql() {
        StringJoiner steps = new StringJoiner(" ", "CASE ", " END");
        STEPS.forEach(step -> steps.add("WHEN " + step.column() + " IS NOT NULL THEN '" + step.status() + "'"));
        return "COALESCE(ended_status, " + steps + ", created_status)";
    }

    /** What a call's status is derived from; {@code reached} holds the step columns that have a time. */
    public record Facts(String createdStatus, String endedStatus, Set<String> reached) {
        public static final Facts NONE = new Facts(null, null, Set.of());

        public Facts {
            reached = Set.copyOf(reached);
        }

        public String status() {
            if (endedStatus != null) {
                return endedStatus;
            }
            return STEPS.stream().filter(step -> reached.contains(step.column())).map(Step::status).findFirst()
                    .orElse(createdStatus);
        }

        /** The facts after this event of the call (as {@link CallProjection} stores it: a null changes nothing). */
        public Facts after(DomainEvent event) {
            if (event instanceof CallCreated d) {
                return new Facts(d.status() != null ? d.status() : createdStatus, endedStatus, reached);
            }
            if (event instanceof CallEnded d) {
                return new Facts(createdStatus, d.status() != null ? d.status() : endedStatus, reached);
            }
            if (event instanceof CallQueued d) {
                return reaching("queued_at", d.queuedAt());
            }
            if (event instanceof CallConnecting d) {
                return reaching("connecting_at", d.connectingAt());
            }
            if (event instanceof CallConnected d) {
                return reaching("connected_at", d.connectedAt());
            }
            return this;
        }

        private Facts reaching(String column, Object at) {
            if (at == null || reached.contains(column)) {
                return this;
            }
            Set<String> more = new LinkedHashSet<>(reached);
            more.add(column);
            return new Facts(createdStatus, endedStatus, more);
        }
    }

    /** A call of a partner. */
    public record Key(String partnerId, long callId) {
    }

    /**
     * The stored facts of these calls, in one query: one primary-key lookup per call (LATERAL), never a
     * scan of the growing calls table. Calls without a row are absent.
     */
    public static Map<Key, Facts> load(Connection c, Set<Key> calls) throws SQLException {
        Map<Key, Facts> facts = new HashMap<>();
        if (calls.isEmpty()) {
            return facts;
        }
        List<String> partners = new ArrayList<>(calls.size());
        List<Long> ids = new ArrayList<>(calls.size());
        calls.forEach(key -> {
            partners.add(key.partnerId());
            ids.add(key.callId());
        });
        StringJoiner reached = new StringJoiner(", ");
        STEPS.forEach(step -> reached.add("c." + step.column() + " IS NOT NULL"));
        try (PreparedStatement s = c.prepareStatement("SELECT c.partner_id, c.id, c.created_status, c.ended_status, "
                + reached + " FROM unnest(?::text[], ?::bigint[]) AS k(partner_id, id) CROSS JOIN LATERAL"
                + " (SELECT * FROM calls WHERE calls.partner_id = k.partner_id AND calls.id = k.id) c")) {
            s.setArray(1, c.createArrayOf("text", partners.toArray()));
            s.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Set<String> steps = new LinkedHashSet<>();
                    for (int i = 0; i < STEPS.size(); i++) {
                        if (rs.getBoolean(5 + i)) {
                            steps.add(STEPS.get(i).column());
                        }
                    }
                    facts.put(new Key(rs.getString(1), rs.getLong(2)),
                            new Facts(rs.getString(3), rs.getString(4), steps));
                }
            }
        }
        return facts;
    }
}
