package io.switchboard.reporting.chats;

import io.switchboard.reporting.jdbc.Durations;
import io.switchboard.reporting.jdbc.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The one rule of a chat's participants: a hand-over lasts until the next one, or until the chat ended.
 * Both the list of participants and a chat's nested {@code participants} read this source.
 */
final class ChatParticipants {
    /** Every hand-over with its id and end, aliased {@code t} (a {@code ListQuery} source). */
    static final String SOURCE = """
            (SELECT p.partner_id, p.chat_id * 1000 + p.segment AS id, p.chat_id, p.segment, p.participant_type,
                    p.user_id, p.name, p.connected_at,
                    COALESCE(LEAD(p.connected_at) OVER (PARTITION BY p.partner_id, p.chat_id ORDER BY p.segment),
                             c.ended_at) AS finished_at
               FROM chat_participants p
               LEFT JOIN chats c ON c.partner_id = p.partner_id AND c.id = p.chat_id) t""";

    private ChatParticipants() {
    }

    static ChatParticipant of(ResultSet rs) throws SQLException {
        Instant connected = Sql.instant(rs, "connected_at");
        Instant finished = Sql.instant(rs, "finished_at");
        return new ChatParticipant(rs.getLong("id"), rs.getLong("chat_id"), rs.getString("participant_type"),
                finished == null ? "connected" : "finished", Sql.longOrNull(rs, "user_id"), rs.getString("name"),
                Durations.seconds(connected, finished), connected, finished);
    }
}
