package io.switchboard.reporting.store;

import io.agroal.api.AgroalDataSource;
import io.switchboard.reporting.api.ListParams;
import io.switchboard.reporting.projection.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Manager API's chat objects (contract §6) with their participants. */
@ApplicationScoped
public class ChatReadModel {
    public static final List<String> SORT_COLUMNS = List.of("id", "created_at", "updated_at", "assigned_at",
            "ends_at", "status");
    private static final Map<String, String> SORT_SQL = Map.of("ends_at", "ended_at");
    /** The finished status once finished, else the latest status change, else the status at creation. */
    private static final String SOURCE =
            "(SELECT c.*, COALESCE(c.finished_status, c.status, c.created_status) AS shown_status FROM chats c) t";

    @Inject
    AgroalDataSource dataSource;

    public ListQuery.Page<Map<String, Object>> list(String partner, ListParams params) throws SQLException {
        String sort = params.sortColumn("id", SORT_COLUMNS);
        ListQuery query = new ListQuery(SOURCE, partner)
                .range("updated_at", params.from("updated_at"), params.to("updated_at"))
                .range("created_at", params.from("created_at"), params.to("created_at"))
                .anyOfIds("id", params.ids("id"))
                .anyOf("shown_status", params.strings("status"))
                .anyOfIds("menu_id", params.ids("menu_id"));
        List<Long> agentIds = params.ids("agent_id");
        if (!agentIds.isEmpty()) {
            query.where("EXISTS (SELECT 1 FROM chat_participants p WHERE p.partner_id = t.partner_id"
                    + " AND p.chat_id = t.id AND p.participant_type = 'agent' AND p.user_id = ANY(?))",
                    new Sql.Longs(agentIds));
        }
        List<Long> teamIds = params.ids("team_id");
        if (!teamIds.isEmpty()) {
            query.where("EXISTS (SELECT 1 FROM chat_participants p JOIN team_members m ON m.partner_id = p.partner_id"
                    + " AND m.agent_id = p.user_id AND m.member WHERE p.partner_id = t.partner_id AND p.chat_id = t.id"
                    + " AND p.participant_type = 'agent' AND m.team_id = ANY(?))", new Sql.Longs(teamIds));
        }
        String orderBy = "status".equals(sort) ? "shown_status" : SORT_SQL.getOrDefault(sort, sort);
        try (Connection c = dataSource.getConnection()) {
            ListQuery.Page<Map<String, Object>> page = params.cursor != null
                    ? query.tail(c, params.cursor, params.per, ChatReadModel::chatRow,
                    chat -> (Long) chat.get("_change_seq"))
                    : query.page(c, orderBy, params.sortDirection(), params.per, params.offset(),
                    ChatReadModel::chatRow);
            return new ListQuery.Page<>(render(c, partner, page.rows()), page.total(), page.nextCursor());
        }
    }

    public Optional<Map<String, Object>> find(String partner, long id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            ListQuery.Page<Map<String, Object>> page = new ListQuery(SOURCE, partner).where("id = ?", id)
                    .page(c, "id", "ASC", 1, 0, ChatReadModel::chatRow);
            return render(c, partner, page.rows()).stream().findFirst();
        }
    }

    private static Map<String, Object> chatRow(ResultSet rs) throws SQLException {
        Instant created = Sql.instant(rs, "created_at");
        Instant assigned = Sql.instant(rs, "assigned_at");
        Instant ended = Sql.instant(rs, "ended_at");
        Map<String, Object> json = Json.object();
        json.put("id", rs.getLong("id"));
        json.put("lang", rs.getString("lang"));
        json.put("status", rs.getString("shown_status"));
        json.put("created_at", Json.time(created));
        json.put("assigned_at", Json.time(assigned));
        json.put("ends_at", Json.time(ended));
        json.put("updated_at", Json.time(Sql.instant(rs, "updated_at")));
        json.put("first_msg_sent_at", Json.time(Sql.instant(rs, "first_msg_sent_at")));
        json.put("last_msg_sent_at", Json.time(Sql.instant(rs, "last_msg_sent_at")));
        json.put("wait_duration", Json.seconds(created, assigned));
        json.put("chat_duration", Json.seconds(assigned, ended));
        json.put("message_count", rs.getInt("message_count"));
        json.put("finish_reason", rs.getString("finish_reason"));
        json.put("menu_id", Sql.longOrNull(rs, "menu_id"));
        Long endUserId = Sql.longOrNull(rs, "end_user_id");
        String identifier = rs.getString("end_user_identifier");
        if (endUserId != null || identifier != null) {
            Map<String, Object> endUser = Json.object();
            endUser.put("id", endUserId);
            endUser.put("identifier", identifier);
            endUser.put("out_contact_id", null);
            json.put("end_user", endUser);
        } else {
            json.put("end_user", null);
        }
        json.put("_ended_at", ended);
        json.put("_change_seq", rs.getLong("change_seq"));
        return json;
    }

    private record Participant(long chatId, int segment, String type, Long userId, String name, Instant connectedAt) {
    }

    private List<Map<String, Object>> render(Connection c, String partner, List<Map<String, Object>> chats)
            throws SQLException {
        if (chats.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Participant>> participants = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT * FROM chat_participants WHERE partner_id = ? AND chat_id = ANY(?) ORDER BY chat_id, segment""")) {
            Sql.bind(c, s, partner, new Sql.Longs(chats.stream().map(chat -> (Long) chat.get("id")).toList()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    participants.computeIfAbsent(rs.getLong("chat_id"), k -> new ArrayList<>()).add(new Participant(
                            rs.getLong("chat_id"), rs.getInt("segment"), rs.getString("participant_type"),
                            Sql.longOrNull(rs, "user_id"), rs.getString("name"), Sql.instant(rs, "connected_at")));
                }
            }
        }
        List<Long> agentIds = participants.values().stream().flatMap(List::stream)
                .filter(p -> "agent".equals(p.type())).map(Participant::userId).toList();
        Map<Long, Map<String, Object>> users = Directory.userRefs(c, partner, agentIds);
        Map<Long, Directory.Menu> menus = Directory.menus(c, partner);
        List<Long> chatIds = chats.stream().map(chat -> (Long) chat.get("id")).toList();
        Map<Long, List<Map<String, Object>>> photos = MediaReadModel.of(c, "photos", partner, "chat", chatIds);
        Map<Long, List<Map<String, Object>>> videos = MediaReadModel.of(c, "videos", partner, "chat", chatIds);
        List<Map<String, Object>> result = new ArrayList<>();
        for (Map<String, Object> chat : chats) {
            Map<String, Object> json = new java.util.LinkedHashMap<>(chat);
            Instant ended = (Instant) json.remove("_ended_at");
            json.remove("_change_seq");
            Long menuId = (Long) json.remove("menu_id");
            Directory.Menu menu = menuId == null ? null : menus.get(menuId);
            json.put("selected_menu", menu == null ? null : Directory.basicMenu(menu));
            json.put("menu_path", Directory.menuPath(menuId, menus));
            List<Participant> list = participants.getOrDefault((Long) json.get("id"), List.of());
            Participant lastAgent = list.stream().filter(p -> "agent".equals(p.type()))
                    .reduce((a, b) -> b).orElse(null);
            json.put("agent_info", lastAgent == null ? null : Directory.userRef(lastAgent.userId(), users));
            json.put("photos", photos.getOrDefault((Long) json.get("id"), List.of()));
            json.put("videos", videos.getOrDefault((Long) json.get("id"), List.of()));
            json.put("transfers", List.of());
            List<Map<String, Object>> participantsJson = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Participant p = list.get(i);
                Instant finished = i + 1 < list.size() ? list.get(i + 1).connectedAt() : ended;
                Map<String, Object> pj = Json.object();
                // A participant is one hand-over of the chat: chat id × 1000 + hand-over number.
                pj.put("id", p.chatId() * 1000 + p.segment());
                pj.put("chat_id", p.chatId());
                pj.put("type", p.type());
                pj.put("status", finished == null ? "connected" : "finished");
                pj.put("user_id", p.userId());
                pj.put("name", p.name());
                pj.put("chat_duration", Json.seconds(p.connectedAt(), finished));
                pj.put("connected_at", Json.time(p.connectedAt()));
                pj.put("finished_at", Json.time(finished));
                participantsJson.add(pj);
            }
            json.put("participants", participantsJson);
            result.add(json);
        }
        return result;
    }
}
