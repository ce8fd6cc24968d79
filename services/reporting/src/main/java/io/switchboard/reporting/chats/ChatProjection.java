package io.switchboard.reporting.chats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.chat.ChatEvents.ChatAssigned;
import io.switchboard.events.chat.ChatEvents.ChatClaimed;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.chat.ChatEvents.ChatFinished;
import io.switchboard.events.chat.ChatEvents.ChatMarked;
import io.switchboard.events.chat.ChatEvents.ChatReleased;
import io.switchboard.events.chat.ChatEvents.ChatStatusChanged;
import io.switchboard.events.chat.ChatEvents.CustomDataAttached;
import io.switchboard.events.chat.ChatEvents.CustomDataField;
import io.switchboard.events.chat.ChatEvents.EscalationUpdated;
import io.switchboard.events.chat.ChatEvents.EndUserUpdated;
import io.switchboard.events.chat.ChatEvents.MessageSent;
import io.switchboard.reporting.jdbc.Projection;
import io.switchboard.reporting.jdbc.Upsert;
import io.switchboard.reporting.jdbc.Writes;

import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chats and their participants. Message text never enters this table (only counts and times): the
 * read side sees redacted text only.
 */
public class ChatProjection implements Projection.PerEvent {
    public static final List<String> TABLES = List.of("chats", "chat_participants", "chat_claims", "chat_marks",
            "chat_attributes");

    @Override
    public List<String> tables() {
        return TABLES;
    }

    @Override
    public void apply(Writes w, EventEnvelope e) throws SQLException {
        Object data = e.data();
        if (data instanceof ChatCreated d) {
            Upsert upsert = chat(e, d.chatId()).set("created_status", d.status()).set("menu_id", d.menuId())
                    .set("lang", d.lang()).earliest("created_at", d.createdAt());
            if (QUEUED.equals(d.status())) {
                upsert.earliest("queued_at", d.createdAt());
            }
            if (d.endUser() != null) {
                upsert.set("end_user_id", d.endUser().id()).set("end_user_identifier", d.endUser().identifier())
                        .set("end_user_phone", d.endUser().phone());
            }
            // The Platform Data API finds conversations by the customer's e-mail (V20).
            upsert.set("end_user_email", d.endUser() != null && d.endUser().email() != null ? d.endUser().email() : d.email());
            upsert.run(w);
        } else if (data instanceof MessageSent d) {
            chat(e, d.chatId()).earliest("first_msg_sent_at", d.sentAt()).latest("last_msg_sent_at", d.sentAt())
                    .add("message_count", 1).run(w);
        } else if (data instanceof ChatAssigned d) {
            Upsert upsert = chat(e, d.chatId());
            if ("agent".equals(d.assigneeType())) {
                upsert.earliest("assigned_at", d.assignedAt());
            }
            // Routing moves the chat on, like a status change: the newest of the two by time wins.
            upsert.newest(NEWER_STATUS, statusColumns("agent".equals(d.assigneeType()) ? "assigned" : "va_assigned",
                    d.assignedAt())).run(w);
            Upsert.into("chat_participants").key("partner_id", e.partnerId()).key("chat_id", d.chatId())
                    .key("segment", d.segment()).set("participant_type", d.assigneeType())
                    .set("user_id", d.assigneeId()).set("name", d.assigneeName())
                    .set("connected_at", d.assignedAt()).run(w);
        } else if (data instanceof ChatStatusChanged d) {
            Upsert upsert = chat(e, d.chatId()).newest(NEWER_STATUS, statusColumns(d.status(), d.changedAt()))
                    .set("deflection_channel", d.deflectionChannel());
            if (QUEUED.equals(d.status())) {
                upsert.earliest("queued_at", d.changedAt());
            }
            upsert.run(w);
        } else if (data instanceof EscalationUpdated d) {
            if (DEFLECTED.equals(d.status())) {
                chat(e, d.chatId()).set("deflection_channel", d.deflectionChannel()).run(w);
            }
        } else if (data instanceof ChatFinished d) {
            chat(e, d.chatId()).set("finished_status", d.status()).set("finish_reason", d.reason())
                    .set("deflection_channel", deflectedTo(d.reason())).latest("ended_at", d.endedAt()).run(w);
        } else if (data instanceof ChatClaimed d) {
            claim(e, d.chatId()).newest(NEWER_CLAIM, claimColumns(d.agentId(), d.claimedAt())).run(w);
        } else if (data instanceof ChatReleased d) {
            claim(e, d.chatId()).newest(NEWER_CLAIM, claimColumns(null, d.releasedAt())).run(w);
        } else if (data instanceof ChatMarked d) {
            Map<String, Object> mark = new LinkedHashMap<>();
            mark.put("mark", d.mark());
            mark.put("marked_by_user_id", d.markedByUserId());
            mark.put("marked_at", d.markedAt());
            Upsert.into("chat_marks").key("partner_id", e.partnerId()).key("chat_id", d.chatId()).newest(NEWER_MARK, mark).run(w);
        } else if (data instanceof CustomDataAttached d) {
            chat(e, d.chatId()).run(w);
            for (Map.Entry<String, CustomDataField> field : (d.data() == null ? Map.<String, CustomDataField>of() : d.data()).entrySet()) {
                if (field.getValue() == null || field.getValue().value() == null) {
                    continue;
                }
                Map<String, Object> attribute = new LinkedHashMap<>();
                attribute.put("value", attributeText(field.getValue().value()));
                attribute.put("label", field.getValue().label());
                attribute.put("attached_at", d.attachedAt());
                Upsert.into("chat_attributes").key("partner_id", e.partnerId()).key("chat_id", d.chatId())
                        .key("name", field.getKey()).newest(NEWER_ATTRIBUTE, attribute).run(w);
            }
        } else if (data instanceof EndUserUpdated d) {
            chat(e, d.chatId()).set("end_user_identifier", d.identifier()).set("end_user_email", d.email())
                    .set("end_user_phone", d.phone()).run(w);
        }
    }

    private static final String QUEUED = "queued";
    /** An escalation's status once a deflection channel was chosen for it instead of a human (docs/api/chat.md). */
    private static final String DEFLECTED = "deflected";
    /** How the chat service words the reason of a chat finished with a deflection channel (docs/api/chat.md). */
    private static final String DEFLECTED_TO = "deflected to ";

    /** The channel a finish reason names as the chat's deflection, else null. */
    static String deflectedTo(String reason) {
        return reason != null && reason.startsWith(DEFLECTED_TO) && reason.length() > DEFLECTED_TO.length()
                ? reason.substring(DEFLECTED_TO.length()) : null;
    }

    /** The status with the latest change time wins; at equal times the one applied last. */
    private static final Upsert.Guard NEWER_STATUS = newer("status_changed_at");

    /** A claim or release with the latest time wins (a release clears the claim). */
    private static final Upsert.Guard NEWER_CLAIM = newer("changed_at");
    /** The latest mark wins. */
    private static final Upsert.Guard NEWER_MARK = newer("marked_at");
    /** A custom-data field sent again later replaces the earlier value. */
    private static final Upsert.Guard NEWER_ATTRIBUTE = newer("attached_at");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A custom-data value as the text attributes are matched against: a string as sent, a number or boolean as its
     * JSON literal, an object or array as its JSON (so nothing sent is lost, and a lookup names what was sent).
     */
    static String attributeText(Object value) {
        if (value instanceof String text) {
            return text;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException ex) {
            return String.valueOf(value);
        }
    }

    private static Upsert.Guard newer(String column) {
        return new Upsert.Guard("%1$s." + column + " IS NULL OR %1$s." + column + " <= EXCLUDED." + column,
                (stored, incoming) -> {
                    Instant was = (Instant) stored.get(column);
                    Instant now = (Instant) incoming.get(column);
                    return was == null || now != null && !now.isBefore(was);
                });
    }

    private static Map<String, Object> claimColumns(Long agentId, Instant changedAt) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("agent_id", agentId);
        columns.put("changed_at", changedAt);
        return columns;
    }

    private static Map<String, Object> statusColumns(String status, Instant changedAt) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("status", status);
        columns.put("status_changed_at", changedAt);
        return columns;
    }

    private static Upsert claim(EventEnvelope e, long chatId) {
        return Upsert.into("chat_claims").key("partner_id", e.partnerId()).key("chat_id", chatId);
    }

    private static Upsert chat(EventEnvelope e, long chatId) {
        return Upsert.into("chats").key("partner_id", e.partnerId()).key("id", chatId)
                .latest("updated_at", e.occurredAt()).expression("change_seq", "nextval('projection_change_seq')");
    }
}
