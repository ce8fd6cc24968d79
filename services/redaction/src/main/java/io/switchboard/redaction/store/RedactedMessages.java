package io.switchboard.redaction.store;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.redaction.RedactionEvents.MessageRedacted;
import io.switchboard.redaction.domain.Analysis.TopMatch;
import io.switchboard.redaction.domain.MessageWindow;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The redacted messages API's read model ({@code redacted_messages}): written by the pipeline in the
 * transaction that appends the message's {@code MessageRedacted}, read per customer session or per
 * provider window, always within one partner. The workflow (menu name) and an agent's email are joined
 * from the directory copy when read.
 */
@ApplicationScoped
public class RedactedMessages {
    private static final String COLUMNS = """
            SELECT m.chat_id, m.message_id, m.segment, m.sent_at, m.sender_type, m.sender_name, m.chat_type,
                   m.session_channel, m.session_channel_info, m.redacted_text, m.sentiment, m.lang, m.topic, m.score,
                   m.top_matches, mn.name AS workflow, a.email AS sender_email
              FROM redacted_messages m
              LEFT JOIN redaction_menus mn ON mn.partner_id = m.partner_id AND mn.menu_id = m.menu_id
              LEFT JOIN redaction_agents a ON m.sender_type = 'agent' AND a.partner_id = m.partner_id AND a.agent_id = m.sender_id
            """;

    private final Pool pool;

    public RedactedMessages(Pool pool) {
        this.pool = pool;
    }

    /** One message as the API shows it (the store's view; the api package shapes the JSON). */
    public record StoredMessage(long chatId, long messageId, int segment, Instant sentAt, String senderType,
                                String senderName, String senderEmail, String chatType, String sessionChannel,
                                String sessionChannelInfo, String workflow, String redactedText, double sentiment,
                                String lang, String topic, Double score, List<TopMatch> topMatches) {
    }

    /** The row of a redacted message; a second one for the same message changes nothing. */
    public Uni<Void> insert(SqlConnection tx, String partnerId, MessageRedacted m) {
        JsonArray entities = new JsonArray();
        m.entities().forEach(e -> entities.add(new JsonObject().put("type", e.type()).put("start", e.start())
                .put("end", e.end()).put("score", e.score())));
        JsonArray matches = new JsonArray();
        m.topMatches().forEach(t -> matches.add(new JsonObject().put("intent", t.intent())
                .put("confidence", t.confidence()).put("phrase", t.phrase())));
        Tuple row = Tuple.tuple().addValue(partnerId).addValue(m.chatId()).addValue(m.messageId()).addValue(m.segment())
                .addValue(m.sentAt().atOffset(ZoneOffset.UTC)).addValue(m.senderType())
                .addValue(m.senderId() == null ? null : parseId(m.senderId())).addValue(m.senderName()).addValue(m.chatType())
                .addValue(m.sessionChannel()).addValue(m.sessionChannelInfo()).addValue(m.menuId()).addValue(m.redactedText())
                .addValue(entities).addValue(m.sentiment()).addValue(m.language()).addValue(m.topic()).addValue(m.score())
                .addValue(matches).addValue(m.redactedAt().atOffset(ZoneOffset.UTC));
        return tx.preparedQuery("""
                        INSERT INTO redacted_messages (partner_id, chat_id, message_id, segment, sent_at, sender_type, sender_id,
                            sender_name, chat_type, session_channel, session_channel_info, menu_id, redacted_text, entities,
                            sentiment, lang, topic, score, top_matches, redacted_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
                        ON CONFLICT (partner_id, chat_id, message_id) DO NOTHING""")
                .execute(row)
                .replaceWithVoid();
    }

    /** The messages of one customer session (a chat), in the chat's order. */
    public Uni<List<StoredMessage>> session(String partnerId, long chatId, MessageWindow window) {
        return pool.preparedQuery(COLUMNS + """
                         WHERE m.partner_id = $1 AND m.chat_id = $2
                           AND ($3::timestamptz IS NULL OR m.sent_at >= $3) AND ($4::timestamptz IS NULL OR m.sent_at < $4)
                         ORDER BY m.message_id LIMIT $5 OFFSET $6""")
                .execute(Tuple.tuple().addValue(partnerId).addValue(chatId).addValue(at(window.from())).addValue(at(window.to()))
                        .addValue(window.limit()).addValue(window.offset()))
                .map(RedactedMessages::messages);
    }

    /** A partner's messages sent in the window, by time (then chat and message, so pages never overlap). */
    public Uni<List<StoredMessage>> provider(String partnerId, MessageWindow window) {
        return pool.preparedQuery(COLUMNS + """
                         WHERE m.partner_id = $1 AND m.sent_at >= $2 AND m.sent_at < $3
                         ORDER BY m.sent_at, m.chat_id, m.message_id LIMIT $4 OFFSET $5""")
                .execute(Tuple.tuple().addValue(partnerId).addValue(at(window.from())).addValue(at(window.to()))
                        .addValue(window.limit()).addValue(window.offset()))
                .map(RedactedMessages::messages);
    }

    /** Deletes up to {@code batch} messages sent before {@code before}; how many went. */
    public Uni<Integer> purge(Instant before, int batch) {
        return pool.preparedQuery("""
                        DELETE FROM redacted_messages WHERE ctid = ANY (ARRAY(
                            SELECT ctid FROM redacted_messages WHERE sent_at < $1 LIMIT $2))""")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC), batch))
                .map(RowSet::rowCount);
    }

    private static List<StoredMessage> messages(RowSet<Row> rows) {
        List<StoredMessage> messages = new ArrayList<>(rows.size());
        for (Row row : rows) {
            JsonArray matches = (JsonArray) row.getValue("top_matches");
            List<TopMatch> topMatches = new ArrayList<>(matches.size());
            for (int i = 0; i < matches.size(); i++) {
                JsonObject match = matches.getJsonObject(i);
                topMatches.add(new TopMatch(match.getString("intent"), match.getDouble("confidence"), match.getString("phrase")));
            }
            messages.add(new StoredMessage(row.getLong("chat_id"), row.getLong("message_id"), row.getInteger("segment"),
                    row.getOffsetDateTime("sent_at").toInstant(), row.getString("sender_type"), row.getString("sender_name"),
                    row.getString("sender_email"), row.getString("chat_type"), row.getString("session_channel"),
                    row.getString("session_channel_info"), row.getString("workflow"), row.getString("redacted_text"),
                    row.getDouble("sentiment"), row.getString("lang"), row.getString("topic"), row.getDouble("score"), topMatches));
        }
        return messages;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** A sender id of an agent or virtual agent is its directory id; anything else is not kept. */
    private static Long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
