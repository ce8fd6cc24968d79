package io.switchboard.reporting.messages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.redaction.RedactionEvents.MessageRedacted;
import io.switchboard.reporting.jdbc.Projection;
import io.switchboard.reporting.jdbc.Upsert;
import io.switchboard.reporting.jdbc.Writes;

import java.util.List;

/**
 * Chat messages, redacted (the redaction service's {@code MessageRedacted} on {@code switchboard.redaction}):
 * one row per message. The event is the message's whole redacted state, so every column is written as the
 * event has it; a redelivery (the applied positions stop it first) would write the same row again. The raw
 * text never reaches this service: the event has none.
 */
public class MessageProjection implements Projection.PerEvent {
    public static final String TABLE = "chat_messages";
    /** Entities and top matches as JSON arrays of the event's records ({@code type, start, end, score}, …). */
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public List<String> tables() {
        return List.of(TABLE);
    }

    @Override
    public void apply(Writes w, EventEnvelope e) {
        if (!(e.data() instanceof MessageRedacted d)) {
            return;
        }
        Upsert.into(TABLE).key("partner_id", e.partnerId()).key("chat_id", d.chatId()).key("message_id", d.messageId())
                .overwrite("segment", d.segment())
                .overwrite("session_id", d.sessionId())
                .overwrite("customer_session_id", d.customerSessionId())
                .overwrite("sender_type", d.senderType())
                .overwrite("sender_id", d.senderId())
                .overwrite("sender_name", d.senderName())
                .overwrite("chat_type", d.chatType())
                .overwrite("session_channel", d.sessionChannel())
                .overwrite("session_channel_info", d.sessionChannelInfo())
                .overwrite("menu_id", d.menuId())
                .overwrite("redacted_text", d.redactedText())
                .overwrite("entities", json(d.entities()))
                .overwrite("sentiment", d.sentiment())
                .overwrite("language", d.language())
                .overwrite("topic", d.topic())
                .overwrite("score", d.score())
                .overwrite("top_matches", json(d.topMatches()))
                .overwrite("sent_at", d.sentAt() == null ? e.occurredAt() : d.sentAt())
                .overwrite("redacted_at", d.redactedAt() == null ? e.occurredAt() : d.redactedAt())
                .run(w);
    }

    private static String json(List<?> values) {
        try {
            return JSON.writeValueAsString(values == null ? List.of() : values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + values.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
