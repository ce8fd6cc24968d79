package io.switchboard.reporting.changes;

import io.switchboard.events.EventEnvelope;
import io.switchboard.events.FieldChange;
import io.switchboard.events.chat.ChatEvents.ChatStatusChanged;
import io.switchboard.events.interaction.CallEvents.CallConnected;
import io.switchboard.events.interaction.CallEvents.CallConnecting;
import io.switchboard.events.interaction.CallEvents.CallCreated;
import io.switchboard.events.interaction.CallEvents.CallEnded;
import io.switchboard.events.interaction.CallEvents.CallQueued;
import io.switchboard.events.interaction.DirectoryEvents.AgentUpdated;
import io.switchboard.events.interaction.DirectoryEvents.AgentUpdatedV1;
import io.switchboard.events.interaction.DirectoryEvents.MenuUpdated;
import io.switchboard.events.interaction.DirectoryEvents.MenuUpdatedV1;
import io.switchboard.events.interaction.DirectoryEvents.TeamUpdated;
import io.switchboard.events.interaction.DirectoryEvents.TeamUpdatedV1;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentUpdated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentUpdatedV1;
import io.switchboard.reporting.calls.CallProjection;
import io.switchboard.reporting.calls.CallStatus;
import io.switchboard.reporting.jdbc.Projection;
import io.switchboard.reporting.jdbc.Upsert;
import io.switchboard.reporting.jdbc.Writes;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The "Changed Detail" family (our design: docs/api/manager.md#changed-details): one row per changed field
 * with its former and new value. Sources: the field changes of the directory update events (their display
 * text, both versions), chat status changes and call status changes.
 *
 * <p>A call's former status is the status it showed before the event ({@link CallStatus}): its stored facts,
 * read once per batch in {@link #begin}, plus the facts of the batch's earlier events of that call (a call's
 * events are all in one group of a batch, in order). It never looks at the call projection's pending
 * writes, so it does not matter which projection runs first.
 */
public class ChangedDetailsProjection implements Projection {
    public static final List<String> TABLES = List.of("changed_details");

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public List<String> reads() {
        return CallProjection.TABLES;
    }

    @Override
    public Applier begin(Connection connection, List<EventEnvelope> events) throws SQLException {
        Set<CallStatus.Key> changing = new HashSet<>();
        for (EventEnvelope e : events) {
            Long callId = statusChangeOf(e.data());
            if (callId != null) {
                changing.add(new CallStatus.Key(e.partnerId(), callId));
            }
        }
        Map<CallStatus.Key, CallStatus.Facts> calls = new HashMap<>(CallStatus.load(connection, changing));
        return (w, e) -> apply(w, e, calls);
    }

    /** The call whose status this event may change, or null. */
    private static Long statusChangeOf(Object data) {
        return data instanceof CallQueued d ? Long.valueOf(d.callId())
                : data instanceof CallConnecting d ? Long.valueOf(d.callId())
                : data instanceof CallConnected d ? Long.valueOf(d.callId())
                : data instanceof CallEnded d ? Long.valueOf(d.callId()) : null;
    }

    private static void apply(Writes w, EventEnvelope e, Map<CallStatus.Key, CallStatus.Facts> calls) {
        Object data = e.data();
        if (data instanceof AgentUpdated d) {
            fieldChanges(w, e, "agent", d.agentId(), d.changes(), d.changedByUserId(), d.updatedAt());
        } else if (data instanceof AgentUpdatedV1 d) {
            fieldChanges(w, e, "agent", d.agentId(), d.changes(), d.changedByUserId(), d.updatedAt());
        } else if (data instanceof TeamUpdated d) {
            fieldChanges(w, e, "team", d.teamId(), d.changes(), d.changedByUserId(), d.updatedAt());
        } else if (data instanceof TeamUpdatedV1 d) {
            fieldChanges(w, e, "team", d.teamId(), d.changes(), d.changedByUserId(), d.updatedAt());
        } else if (data instanceof MenuUpdated d) {
            fieldChanges(w, e, "menu", d.menuId(), d.changes(), d.changedByUserId(), d.updatedAt());
        } else if (data instanceof MenuUpdatedV1 d) {
            fieldChanges(w, e, "menu", d.menuId(), d.changes(), d.changedByUserId(), d.updatedAt());
        } else if (data instanceof VirtualAgentUpdated d) {
            fieldChanges(w, e, "virtual_agent", d.virtualAgentId(), d.changes(), d.changedByUserId(), d.updatedAt());
        } else if (data instanceof VirtualAgentUpdatedV1 d) {
            fieldChanges(w, e, "virtual_agent", d.virtualAgentId(), d.changes(), d.changedByUserId(), d.updatedAt());
        } else if (data instanceof ChatStatusChanged d) {
            insert(w, e, 0, "chat", d.chatId(), "status", d.previousStatus(), d.status(), d.changedAt(),
                    d.changedByUserId());
        } else if (data instanceof CallCreated d) {
            callEvent(w, e, calls, d.callId(), null, null);
        } else if (data instanceof CallQueued d) {
            callEvent(w, e, calls, d.callId(), "queued", d.queuedAt());
        } else if (data instanceof CallConnecting d) {
            callEvent(w, e, calls, d.callId(), "connecting", d.connectingAt());
        } else if (data instanceof CallConnected d) {
            callEvent(w, e, calls, d.callId(), "connected", d.connectedAt());
        } else if (data instanceof CallEnded d) {
            callEvent(w, e, calls, d.callId(), d.status(), d.endedAt());
        }
    }

    private static void fieldChanges(Writes w, EventEnvelope e, String entityType, long entityId,
                                     List<FieldChange> changes, Long changedBy, Instant changedAt) {
        for (int i = 0; i < changes.size(); i++) {
            FieldChange change = changes.get(i);
            insert(w, e, i, entityType, entityId, change.field(), change.former(), change.current(), changedAt,
                    changedBy);
        }
    }

    /**
     * A call event: a detail if it moves the status the call shows ({@code status}; null for an event that
     * only adds facts), then the call's facts move on.
     */
    private static void callEvent(Writes w, EventEnvelope e, Map<CallStatus.Key, CallStatus.Facts> calls, long callId,
                                  String status, Instant at) {
        CallStatus.Key key = new CallStatus.Key(e.partnerId(), callId);
        CallStatus.Facts before = calls.getOrDefault(key, CallStatus.Facts.NONE);
        String former = before.status();
        if (status != null && !Objects.equals(former, status)) {
            insert(w, e, 0, "call", callId, "status", former, status, at, null);
        }
        calls.put(key, before.after(e.data()));
    }

    private static void insert(Writes w, EventEnvelope e, int index, String entityType, long entityId,
                               String field, String former, String current, Instant changedAt, Long changedBy) {
        Upsert.into("changed_details").key("partner_id", e.partnerId())
                .key("changed_at", changedAt == null ? e.occurredAt() : changedAt).key("id", Projection.derivedId(e, index))
                .set("entity_type", entityType).set("entity_id", entityId).set("field", field)
                .set("former_value", former).set("new_value", current).set("changed_by", changedBy).run(w);
    }
}
