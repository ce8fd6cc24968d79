package io.switchboard.reporting.calls;

import io.switchboard.events.EventEnvelope;
import io.switchboard.events.interaction.CallEvents.CallConnected;
import io.switchboard.events.interaction.CallEvents.CallConnecting;
import io.switchboard.events.interaction.CallEvents.CallCreated;
import io.switchboard.events.interaction.CallEvents.CallEnded;
import io.switchboard.events.interaction.CallEvents.CallHeld;
import io.switchboard.events.interaction.CallEvents.CallQueued;
import io.switchboard.events.interaction.CallEvents.CallResumed;
import io.switchboard.events.interaction.CallEvents.ParticipantJoined;
import io.switchboard.events.interaction.CallEvents.ParticipantLeft;
import io.switchboard.events.interaction.CallEvents.TransferStarted;
import io.switchboard.events.interaction.CallEvents.VoicemailRecorded;
import io.switchboard.reporting.jdbc.Projection;
import io.switchboard.reporting.jdbc.Upsert;
import io.switchboard.reporting.jdbc.Writes;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;

/**
 * Calls, their participants and transfers. Only facts are stored (timestamps, durations, ids); the
 * status shown ({@link CallStatus}) and the call-segment metrics (docs/api/manager.md#call-segment-metrics,
 * {@link CallMetricsCalculator}) are derived from them, so they do not depend on arrival order: when read, and
 * for the analytics after each batch into {@link CallMeasures} (recomputed from all the stored facts of every call
 * the batch touched).
 */
public class CallProjection implements Projection {
    public static final List<String> TABLES = List.of("calls", "call_participants", "call_transfers", CallMeasures.TABLE);

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public Applier begin(Connection connection, List<EventEnvelope> events) {
        Set<CallMetricsSource.Key> touched = new LinkedHashSet<>();
        return new Applier() {
            @Override
            public void apply(Writes writes, EventEnvelope event) throws SQLException {
                Long call = CallProjection.this.apply(writes, event);
                if (call != null) {
                    touched.add(new CallMetricsSource.Key(event.partnerId(), call));
                }
            }

            @Override
            public void finish(Connection c) throws SQLException {
                CallMeasures.refresh(c, touched);
            }
        };
    }

    /** Hands the event's writes to {@code w}; returns the id of the call it changed, null if none. */
    Long apply(Writes w, EventEnvelope e) throws SQLException {
        String partner = e.partnerId();
        Object data = e.data();
        if (data instanceof CallCreated d) {
            call(e, d.callId())
                    .set("call_type", d.callType()).set("created_status", d.status()).set("menu_id", d.menuId())
                    .set("lang", d.lang()).set("end_user_number", d.endUserNumber())
                    .set("outbound_number", d.outboundNumber()).set("agent_id", d.agentId())
                    .set("parent_id", d.parentId()).set("interaction_unique_id", d.interactionUniqueId())
                    .set("recording_permission", d.recordingPermission()).set("scheduled_at", d.scheduledAt())
                    .earliest("created_at", d.createdAt()).run(w);
            return d.callId();
        } else if (data instanceof CallQueued d) {
            call(e, d.callId()).set("menu_id", d.menuId()).earliest("queued_at", d.queuedAt()).run(w);
            return d.callId();
        } else if (data instanceof CallConnecting d) {
            call(e, d.callId()).earliest("connecting_at", d.connectingAt()).run(w);
            return d.callId();
        } else if (data instanceof CallConnected d) {
            call(e, d.callId()).set("connected_agent_id", d.agentId()).earliest("connected_at", d.connectedAt()).run(w);
            return d.callId();
        } else if (data instanceof CallHeld d) {
            call(e, d.callId()).latest("held_at", d.heldAt()).run(w);
            return d.callId();
        } else if (data instanceof CallResumed d) {
            call(e, d.callId()).latest("hold_duration_ms", d.holdDurationMillis()).run(w);
            return d.callId();
        } else if (data instanceof CallEnded d) {
            call(e, d.callId()).set("ended_status", d.status()).set("disconnected_by", d.disconnectedBy())
                    .set("fail_reason", d.failReason()).latest("duration_ms", d.durationMillis())
                    .latest("hold_duration_ms", d.holdDurationMillis()).latest("ended_at", d.endedAt()).run(w);
            return d.callId();
        } else if (data instanceof VoicemailRecorded d) {
            call(e, d.callId()).set("recording_url", d.recordingUrl())
                    .set("voicemail_duration_ms", d.durationMillis()).run(w);
            return d.callId();
        } else if (data instanceof TransferStarted d) {
            call(e, d.callId()).run(w);
            Upsert.into("call_transfers").key("partner_id", partner).key("id", d.transferId())
                    .set("call_id", d.callId()).set("target_type", d.targetType())
                    .set("from_agent_id", d.fromAgentId()).set("to_agent_id", d.toAgentId())
                    .set("to_team_id", d.toTeamId()).set("to_number", d.toNumber())
                    .set("created_at", d.createdAt()).run(w);
            return d.callId();
        } else if (data instanceof ParticipantJoined d) {
            call(e, d.callId()).run(w);
            Upsert.into("call_participants").key("partner_id", partner).key("id", d.participantId())
                    .set("call_id", d.callId()).set("participant_type", d.participantType())
                    .set("user_id", d.userId()).set("end_user_id", d.endUserId())
                    .set("phone_number", d.phoneNumber()).earliest("connected_at", d.connectedAt()).run(w);
            return d.callId();
        } else if (data instanceof ParticipantLeft d) {
            call(e, d.callId()).run(w);
            Upsert.into("call_participants").key("partner_id", partner).key("id", d.participantId())
                    .set("call_id", d.callId()).latest("ended_at", d.endedAt()).run(w);
            return d.callId();
        }
        return null;
    }

    /** Every call event creates the call row if needed and moves its updated_at (the tailing key). */
    private static Upsert call(EventEnvelope e, long callId) {
        return Upsert.into("calls").key("partner_id", e.partnerId()).key("id", callId)
                .latest("updated_at", e.occurredAt()).expression("change_seq", "nextval('projection_change_seq')");
    }
}
