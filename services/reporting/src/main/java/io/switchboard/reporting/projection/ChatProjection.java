package io.switchboard.reporting.projection;

import io.switchboard.events.EventEnvelope;
import io.switchboard.events.chat.ChatEvents.ChatAssigned;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.chat.ChatEvents.ChatFinished;
import io.switchboard.events.chat.ChatEvents.ChatStatusChanged;
import io.switchboard.events.chat.ChatEvents.EndUserUpdated;
import io.switchboard.events.chat.ChatEvents.MessageSent;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;

/**
 * Chats and their participants. Message text never enters this table (only counts and times): the
 * read side sees redacted text only.
 */
@ApplicationScoped
public class ChatProjection implements Projection {

    @Override
    public void apply(Writes w, EventEnvelope e) throws SQLException {
        Object data = e.data();
        if (data instanceof ChatCreated d) {
            Upsert upsert = chat(e, d.chatId()).set("created_status", d.status()).set("menu_id", d.menuId())
                    .set("lang", d.lang()).earliest("created_at", d.createdAt());
            if (d.endUser() != null) {
                upsert.set("end_user_id", d.endUser().id()).set("end_user_identifier", d.endUser().identifier());
            }
            upsert.run(w);
        } else if (data instanceof MessageSent d) {
            chat(e, d.chatId()).earliest("first_msg_sent_at", d.sentAt()).latest("last_msg_sent_at", d.sentAt())
                    .add("message_count", 1).run(w);
        } else if (data instanceof ChatAssigned d) {
            Upsert upsert = chat(e, d.chatId());
            if ("agent".equals(d.assigneeType())) {
                upsert.earliest("assigned_at", d.assignedAt());
            }
            upsert.run(w);
            Upsert.into("chat_participants").key("partner_id", e.partnerId()).key("chat_id", d.chatId())
                    .key("segment", d.segment()).set("participant_type", d.assigneeType())
                    .set("user_id", d.assigneeId()).set("name", d.assigneeName())
                    .set("connected_at", d.assignedAt()).run(w);
        } else if (data instanceof ChatStatusChanged d) {
            chat(e, d.chatId()).run(w);
            w.statement("""
                    UPDATE chats SET status = ?, status_changed_at = ? WHERE partner_id = ? AND id = ?
                       AND (status_changed_at IS NULL OR status_changed_at <= ?)""",
                    d.status(), d.changedAt(), e.partnerId(), d.chatId(), d.changedAt());
        } else if (data instanceof ChatFinished d) {
            chat(e, d.chatId()).set("finished_status", d.status()).set("finish_reason", d.reason())
                    .latest("ended_at", d.endedAt()).run(w);
        } else if (data instanceof EndUserUpdated d) {
            chat(e, d.chatId()).set("end_user_identifier", d.identifier()).run(w);
        }
    }

    private static Upsert chat(EventEnvelope e, long chatId) {
        return Upsert.into("chats").key("partner_id", e.partnerId()).key("id", chatId)
                .latest("updated_at", e.occurredAt()).expression("change_seq", "nextval('projection_change_seq')");
    }
}
