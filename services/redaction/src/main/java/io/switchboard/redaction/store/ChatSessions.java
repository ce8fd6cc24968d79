package io.switchboard.redaction.store;

import io.smallrye.mutiny.Uni;
import io.switchboard.redaction.domain.ChatSession;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The per-chat state of the pipeline ({@code redaction_chats}). Written only by the consumer loop, in the
 * transaction of the event it applies; {@code last_event_at} is the newest event time seen for the chat (the
 * runtime retention counts from it).
 */
@ApplicationScoped
public class ChatSessions {
    private final Pool pool;

    public ChatSessions(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<ChatSession>> find(String partnerId, long chatId) {
        return find(pool, partnerId, chatId);
    }

    /** The chat's session as {@code client} (a transaction) sees it. */
    public Uni<Optional<ChatSession>> find(SqlClient client, String partnerId, long chatId) {
        return client.preparedQuery("""
                        SELECT chat_id, menu_id, lang, bot_first, holder_type, holder_id, holder_name, holder_segment
                        FROM redaction_chats WHERE partner_id = $1 AND chat_id = $2""")
                .execute(Tuple.of(partnerId, chatId))
                .map(rows -> rows.size() == 0 ? Optional.<ChatSession>empty() : Optional.of(session(rows.iterator().next())));
    }

    /** The chat's creation: its menu, language and first hand (an assignment seen before keeps its holder). */
    public Uni<Void> created(SqlConnection tx, String partnerId, ChatSession session, Instant at) {
        return tx.preparedQuery("""
                        INSERT INTO redaction_chats AS c (partner_id, chat_id, menu_id, lang, bot_first, last_event_at)
                        VALUES ($1, $2, $3, $4, $5, $6)
                        ON CONFLICT (partner_id, chat_id) DO UPDATE SET menu_id = EXCLUDED.menu_id, lang = EXCLUDED.lang,
                            bot_first = EXCLUDED.bot_first, last_event_at = GREATEST(c.last_event_at, EXCLUDED.last_event_at)""")
                .execute(Tuple.tuple().addValue(partnerId).addValue(session.chatId()).addValue(session.menuId())
                        .addValue(session.lang()).addValue(session.botFirst()).addValue(at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** A change of hands; an older one (a lower segment) arriving late does not replace a newer one. */
    public Uni<Void> assigned(SqlConnection tx, String partnerId, long chatId, String holderType, long holderId,
                              String holderName, int segment, Instant at) {
        return tx.preparedQuery("""
                        INSERT INTO redaction_chats AS c (partner_id, chat_id, holder_type, holder_id, holder_name, holder_segment, last_event_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)
                        ON CONFLICT (partner_id, chat_id) DO UPDATE SET
                            holder_type = CASE WHEN c.holder_segment > EXCLUDED.holder_segment THEN c.holder_type ELSE EXCLUDED.holder_type END,
                            holder_id = CASE WHEN c.holder_segment > EXCLUDED.holder_segment THEN c.holder_id ELSE EXCLUDED.holder_id END,
                            holder_name = CASE WHEN c.holder_segment > EXCLUDED.holder_segment THEN c.holder_name ELSE EXCLUDED.holder_name END,
                            holder_segment = GREATEST(c.holder_segment, EXCLUDED.holder_segment),
                            last_event_at = GREATEST(c.last_event_at, EXCLUDED.last_event_at)""")
                .execute(Tuple.tuple().addValue(partnerId).addValue(chatId).addValue(holderType).addValue(holderId)
                        .addValue(holderName).addValue(segment).addValue(at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** A message of the chat: only its time matters here (the chat is still in use). */
    public Uni<Void> touched(SqlConnection tx, String partnerId, long chatId, Instant at) {
        return tx.preparedQuery("""
                        INSERT INTO redaction_chats AS c (partner_id, chat_id, last_event_at) VALUES ($1, $2, $3)
                        ON CONFLICT (partner_id, chat_id) DO UPDATE SET last_event_at = GREATEST(c.last_event_at, EXCLUDED.last_event_at)""")
                .execute(Tuple.of(partnerId, chatId, at.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** Deletes up to {@code batch} chats without an event since {@code before}; how many went. */
    public Uni<Integer> purge(Instant before, int batch) {
        return pool.preparedQuery("""
                        DELETE FROM redaction_chats WHERE ctid = ANY (ARRAY(
                            SELECT ctid FROM redaction_chats WHERE last_event_at < $1 LIMIT $2))""")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC), batch))
                .map(rows -> rows.rowCount());
    }

    private static ChatSession session(Row row) {
        return new ChatSession(row.getLong("chat_id"), row.getLong("menu_id"), row.getString("lang"),
                row.getBoolean("bot_first"), row.getString("holder_type"), row.getLong("holder_id"),
                row.getString("holder_name"), row.getInteger("holder_segment"));
    }
}
