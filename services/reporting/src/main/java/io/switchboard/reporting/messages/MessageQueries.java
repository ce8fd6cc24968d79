package io.switchboard.reporting.messages;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.events.redaction.RedactionEvents.EntitySpan;
import io.switchboard.events.redaction.RedactionEvents.TopMatch;
import io.switchboard.reporting.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The redacted messages of a chat, in the order they were sent (the GraphQL read of a later issue builds on it). */
@ApplicationScoped
public class MessageQueries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<EntitySpan>> ENTITIES = new TypeReference<>() {
    };
    private static final TypeReference<List<TopMatch>> MATCHES = new TypeReference<>() {
    };

    private final DataSource dataSource;

    public MessageQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<ChatMessage> ofChat(String partner, long chatId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT * FROM chat_messages WHERE partner_id = ? AND chat_id = ? ORDER BY sent_at, message_id""")) {
            s.setString(1, partner);
            s.setLong(2, chatId);
            List<ChatMessage> messages = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    messages.add(message(rs));
                }
            }
            return messages;
        }
    }

    private static ChatMessage message(ResultSet rs) throws SQLException {
        double score = rs.getDouble("score");
        Double scoreOrNull = rs.wasNull() ? null : score;
        return new ChatMessage(rs.getLong("chat_id"), rs.getLong("message_id"), rs.getInt("segment"),
                rs.getString("session_id"), rs.getString("customer_session_id"), rs.getString("sender_type"),
                rs.getString("sender_id"), rs.getString("sender_name"), rs.getString("chat_type"),
                rs.getString("session_channel"), rs.getString("session_channel_info"), Sql.longOrNull(rs, "menu_id"),
                rs.getString("redacted_text"), json(rs.getString("entities"), ENTITIES), rs.getDouble("sentiment"),
                rs.getString("language"), rs.getString("topic"), scoreOrNull, json(rs.getString("top_matches"), MATCHES),
                Sql.instant(rs, "sent_at"), Sql.instant(rs, "redacted_at"));
    }

    private static <T> List<T> json(String value, TypeReference<List<T>> type) {
        try {
            return JSON.readValue(value, type);
        } catch (IOException e) {
            throw new UncheckedIOException("chat_messages holds JSON it cannot read back", e);
        }
    }
}
