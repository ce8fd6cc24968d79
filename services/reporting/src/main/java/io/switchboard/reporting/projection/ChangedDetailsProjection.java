package io.switchboard.reporting.projection;

import io.switchboard.events.EventEnvelope;
import io.switchboard.events.FieldChange;
import io.switchboard.events.chat.ChatEvents.ChatStatusChanged;
import io.switchboard.events.interaction.CallEvents.CallConnected;
import io.switchboard.events.interaction.CallEvents.CallConnecting;
import io.switchboard.events.interaction.CallEvents.CallEnded;
import io.switchboard.events.interaction.CallEvents.CallQueued;
import io.switchboard.events.interaction.DirectoryEvents.AgentUpdated;
import io.switchboard.events.interaction.DirectoryEvents.MenuUpdated;
import io.switchboard.events.interaction.DirectoryEvents.TeamUpdated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentUpdated;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * "Changed Detail" of seed 001: one row per changed field with its former and new value. Sources: the
 * FieldChange lists of the directory update events, chat status changes and call status changes.
 * Runs before {@link CallProjection}, because a call's former status is read from the call row.
 */
@ApplicationScoped
public class ChangedDetailsProjection implements Projection {

    @Override
    public void apply(Writes w, EventEnvelope e) throws SQLException {
        Object data = e.data();
        if (data instanceof AgentUpdated d) {
            fieldChanges(w, e, "agent", d.agentId(), d.changes(), d.changedByUserId(), d.updatedAt());
        } else if (data instanceof TeamUpdated d) {
            fieldChanges(w, e, "team", d.teamId(), d.changes(), d.changedByUserId(), d.updatedAt());
        } else if (data instanceof MenuUpdated d) {
            fieldChanges(w, e, "menu", d.menuId(), d.changes(), d.changedByUserId(), d.updatedAt());
        } else if (data instanceof VirtualAgentUpdated d) {
            fieldChanges(w, e, "virtual_agent", d.virtualAgentId(), d.changes(), d.changedByUserId(), d.updatedAt());
        } else if (data instanceof ChatStatusChanged d) {
            insert(w, e, 0, "chat", d.chatId(), "status", d.previousStatus(), d.status(), d.changedAt(),
                    d.changedByUserId());
        } else if (data instanceof CallQueued d) {
            callStatus(w, e, d.callId(), "queued", d.queuedAt());
        } else if (data instanceof CallConnecting d) {
            callStatus(w, e, d.callId(), "connecting", d.connectingAt());
        } else if (data instanceof CallConnected d) {
            callStatus(w, e, d.callId(), "connected", d.connectedAt());
        } else if (data instanceof CallEnded d) {
            callStatus(w, e, d.callId(), d.status(), d.endedAt());
        }
    }

    private static void fieldChanges(Writes w, EventEnvelope e, String entityType, long entityId,
                                     List<FieldChange> changes, Long changedBy, Instant changedAt) throws SQLException {
        for (int i = 0; i < changes.size(); i++) {
            FieldChange change = changes.get(i);
            insert(w, e, i, entityType, entityId, change.field(), change.former(), change.current(),
                    changedAt == null ? e.occurredAt() : changedAt, changedBy);
        }
    }

    /**
     * A call's events form one ordered stream, so the status before this event is the one the call
     * shows now: the stored row plus this batch's earlier writes ({@link Writes#callStatus}).
     */
    private static void callStatus(Writes w, EventEnvelope e, long callId, String status, Instant at) {
        String former = w.callStatus(e.partnerId(), callId);
        if (status != null && !Objects.equals(former, status)) {
            insert(w, e, 0, "call", callId, "status", former, status, at == null ? e.occurredAt() : at, null);
        }
    }

    private static void insert(Writes w, EventEnvelope e, int index, String entityType, long entityId,
                               String field, String former, String current, Instant changedAt, Long changedBy) {
        Upsert.into("changed_details").key("partner_id", e.partnerId())
                .key("changed_at", changedAt == null ? e.occurredAt() : changedAt).key("id", Projection.derivedId(e, index))
                .set("entity_type", entityType).set("entity_id", entityId).set("field", field)
                .set("former_value", former).set("new_value", current).set("changed_by", changedBy).run(w);
    }
}
