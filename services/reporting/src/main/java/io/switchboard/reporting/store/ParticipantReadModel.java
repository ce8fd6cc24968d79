package io.switchboard.reporting.store;

import io.agroal.api.AgroalDataSource;
import io.switchboard.reporting.api.ListParams;
import io.switchboard.reporting.domain.CallFacts;
import io.switchboard.reporting.projection.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Seed 001's families that the Manager API contract nests in other objects, as lists of their own: call
 * participants, chat participants (one per hand-over) and user info (the limited view of an agent).
 * Each row has the same fields as where the contract nests it.
 */
@ApplicationScoped
public class ParticipantReadModel {
    public static final List<String> CALL_PARTICIPANT_SORT = List.of("id", "connected_at", "ended_at", "call_id");
    public static final List<String> CHAT_PARTICIPANT_SORT = List.of("id", "connected_at", "finished_at", "chat_id");
    public static final List<String> USER_INFO_SORT = List.of("id", "name", "updated_at");

    /** A participant without its own end is connected until the call ended. */
    private static final String CALL_PARTICIPANTS = """
            (SELECT p.*, c.ended_at AS call_ended_at FROM call_participants p
               LEFT JOIN calls c ON c.partner_id = p.partner_id AND c.id = p.call_id) t""";
    /** A hand-over lasts until the next one, or until the chat ended. */
    private static final String CHAT_PARTICIPANTS = """
            (SELECT p.partner_id, p.chat_id * 1000 + p.segment AS id, p.chat_id, p.segment, p.participant_type,
                    p.user_id, p.name, p.connected_at,
                    COALESCE(LEAD(p.connected_at) OVER (PARTITION BY p.partner_id, p.chat_id ORDER BY p.segment),
                             c.ended_at) AS finished_at
               FROM chat_participants p
               LEFT JOIN chats c ON c.partner_id = p.partner_id AND c.id = p.chat_id) t""";

    @Inject
    AgroalDataSource dataSource;

    public ListQuery.Page<Map<String, Object>> callParticipants(String partner, ListParams params) throws SQLException {
        String sort = params.sortColumn("id", CALL_PARTICIPANT_SORT);
        ListQuery query = new ListQuery(CALL_PARTICIPANTS, partner)
                .anyOfIds("call_id", params.ids("call_id"))
                .anyOfIds("user_id", params.ids("user_id"))
                .anyOf("participant_type", params.strings("type"))
                .range("connected_at", params.from("connected_at"), params.to("connected_at"));
        return query.page(dataSource, sort, params, rs -> CallReadModel.participantJson(rs.getLong("call_id"),
                Sql.instant(rs, "call_ended_at"), new CallFacts.Participant(rs.getLong("id"),
                        rs.getString("participant_type"), Sql.longOrNull(rs, "user_id"), rs.getString("phone_number"),
                        Sql.instant(rs, "connected_at"), Sql.instant(rs, "ended_at")),
                Sql.longOrNull(rs, "end_user_id")));
    }

    public ListQuery.Page<Map<String, Object>> chatParticipants(String partner, ListParams params) throws SQLException {
        String sort = params.sortColumn("id", CHAT_PARTICIPANT_SORT);
        ListQuery query = new ListQuery(CHAT_PARTICIPANTS, partner)
                .anyOfIds("chat_id", params.ids("chat_id"))
                .anyOfIds("user_id", params.ids("user_id"))
                .anyOf("participant_type", params.strings("type"))
                .range("connected_at", params.from("connected_at"), params.to("connected_at"));
        return query.page(dataSource, sort, params, rs -> {
            Instant connected = Sql.instant(rs, "connected_at");
            Instant finished = Sql.instant(rs, "finished_at");
            Map<String, Object> json = Json.object();
            json.put("id", rs.getLong("id"));
            json.put("chat_id", rs.getLong("chat_id"));
            json.put("type", rs.getString("participant_type"));
            json.put("status", finished == null ? "connected" : "finished");
            json.put("user_id", Sql.longOrNull(rs, "user_id"));
            json.put("name", rs.getString("name"));
            json.put("chat_duration", Json.seconds(connected, finished));
            json.put("connected_at", Json.time(connected));
            json.put("finished_at", Json.time(finished));
            return json;
        });
    }

    public ListQuery.Page<Map<String, Object>> userInfo(String partner, ListParams params) throws SQLException {
        String sort = params.sortColumn("id", USER_INFO_SORT);
        ListQuery query = new ListQuery("agents t", partner)
                .anyOfIds("id", params.ids("id"))
                .inTeams("id", params.ids("team_id"))
                .range("updated_at", params.from("updated_at"), params.to("updated_at"));
        return query.page(dataSource, sort, params, rs -> {
            Map<String, Object> json = Json.object();
            json.put("id", rs.getLong("id"));
            json.put("name", rs.getString("name"));
            json.put("first_name", rs.getString("first_name"));
            json.put("last_name", rs.getString("last_name"));
            json.put("email", rs.getString("email"));
            json.put("avatar_url", rs.getString("avatar_url"));
            json.put("agent_number", rs.getString("agent_number"));
            json.put("deleted", rs.getBoolean("deleted"));
            json.put("updated_at", Json.time(Sql.instant(rs, "updated_at")));
            return json;
        });
    }
}
