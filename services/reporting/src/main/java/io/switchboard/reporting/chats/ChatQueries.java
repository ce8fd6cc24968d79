package io.switchboard.reporting.chats;

import io.switchboard.reporting.directory.DirectoryRefs;
import io.switchboard.reporting.directory.UserRef;
import io.switchboard.reporting.jdbc.Durations;
import io.switchboard.reporting.jdbc.ListParams;
import io.switchboard.reporting.jdbc.ListQuery;
import io.switchboard.reporting.jdbc.Page;
import io.switchboard.reporting.jdbc.Sql;
import io.switchboard.reporting.media.MediaQueries;
import io.switchboard.reporting.media.Photo;
import io.switchboard.reporting.media.Video;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
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

/** The Manager API's chats (docs/api/manager.md#chat-object) with their participants, and the participants as a list. */
@ApplicationScoped
public class ChatQueries {
    public static final List<String> SORT_COLUMNS = List.of("id", "created_at", "updated_at", "assigned_at",
            "ends_at", "status");
    public static final List<String> PARTICIPANT_SORT = List.of("id", "connected_at", "finished_at", "chat_id");
    private static final Map<String, String> SORT_SQL = Map.of("ends_at", "ended_at", "status", "shown_status");
    private static final String SOURCE = "(SELECT c.*, " + shownStatus("c") + " AS shown_status FROM chats c) t";

    /**
     * The status a chat shows, over the {@code chats} row aliased {@code alias}: the finished status once
     * finished, else the latest status change, else the status at creation.
     */
    public static String shownStatus(String alias) {
        return "COALESCE(" + alias + ".finished_status, " + alias + ".status, " + alias + ".created_status)";
    }

    private final DataSource dataSource;

    public ChatQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Page<Chat> list(String partner, ListParams params) throws SQLException {
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
        try (Connection c = dataSource.getConnection()) {
            Page<ChatRow> page = query.page(c, params, SORT_SQL.getOrDefault(sort, sort), ChatRow::of, ChatRow::changeSeq);
            return page.with(render(c, partner, page.rows()));
        }
    }

    public Optional<Chat> find(String partner, long id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Page<ChatRow> page = new ListQuery(SOURCE, partner).where("id = ?", id)
                    .page(c, "id", "ASC", 1, 0, ChatRow::of);
            return render(c, partner, page.rows()).stream().findFirst();
        }
    }

    public Page<ChatParticipant> participants(String partner, ListParams params) throws SQLException {
        String sort = params.sortColumn("id", PARTICIPANT_SORT);
        ListQuery query = new ListQuery(ChatParticipants.SOURCE, partner)
                .anyOfIds("chat_id", params.ids("chat_id"))
                .anyOfIds("user_id", params.ids("user_id"))
                .anyOf("participant_type", params.strings("type"))
                .range("connected_at", params.from("connected_at"), params.to("connected_at"));
        return query.page(dataSource, sort, params, ChatParticipants::of);
    }

    private record ChatRow(long id, String lang, String status, Instant createdAt, Instant assignedAt, Instant endedAt,
                           Instant updatedAt, Instant firstMsgSentAt, Instant lastMsgSentAt, int messageCount,
                           String finishReason, Long menuId, Long endUserId, String endUserIdentifier, long changeSeq) {
        static ChatRow of(ResultSet rs) throws SQLException {
            return new ChatRow(rs.getLong("id"), rs.getString("lang"), rs.getString("shown_status"),
                    Sql.instant(rs, "created_at"), Sql.instant(rs, "assigned_at"), Sql.instant(rs, "ended_at"),
                    Sql.instant(rs, "updated_at"), Sql.instant(rs, "first_msg_sent_at"),
                    Sql.instant(rs, "last_msg_sent_at"), rs.getInt("message_count"), rs.getString("finish_reason"),
                    Sql.longOrNull(rs, "menu_id"), Sql.longOrNull(rs, "end_user_id"),
                    rs.getString("end_user_identifier"), rs.getLong("change_seq"));
        }
    }

    private static List<Chat> render(Connection c, String partner, List<ChatRow> chats) throws SQLException {
        if (chats.isEmpty()) {
            return List.of();
        }
        List<Long> chatIds = chats.stream().map(ChatRow::id).toList();
        Map<Long, List<ChatParticipant>> participants = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + ChatParticipants.SOURCE
                + " WHERE partner_id = ? AND chat_id = ANY(?) ORDER BY chat_id, segment")) {
            Sql.bind(c, s, partner, new Sql.Longs(chatIds));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    participants.computeIfAbsent(rs.getLong("chat_id"), k -> new ArrayList<>())
                            .add(ChatParticipants.of(rs));
                }
            }
        }
        List<Long> agentIds = participants.values().stream().flatMap(List::stream)
                .filter(p -> "agent".equals(p.type())).map(ChatParticipant::userId).toList();
        Map<Long, UserRef.UserReference> users = DirectoryRefs.userRefs(c, partner, agentIds);
        Map<Long, DirectoryRefs.MenuRow> menus = DirectoryRefs.menus(c, partner);
        Map<Long, List<Photo>> photos = MediaQueries.photosOf(c, partner, "chat", chatIds);
        Map<Long, List<Video>> videos = MediaQueries.videosOf(c, partner, "chat", chatIds);
        List<Chat> result = new ArrayList<>();
        for (ChatRow chat : chats) {
            List<ChatParticipant> handOvers = participants.getOrDefault(chat.id(), List.of());
            ChatParticipant lastAgent = handOvers.stream().filter(p -> "agent".equals(p.type()))
                    .reduce((a, b) -> b).orElse(null);
            result.add(new Chat(chat.id(), chat.lang(), chat.status(), chat.createdAt(), chat.assignedAt(),
                    chat.endedAt(), chat.updatedAt(), chat.firstMsgSentAt(), chat.lastMsgSentAt(),
                    Durations.seconds(chat.createdAt(), chat.assignedAt()),
                    Durations.seconds(chat.assignedAt(), chat.endedAt()), chat.messageCount(), chat.finishReason(),
                    chat.endUserId() == null && chat.endUserIdentifier() == null ? null
                            : new Chat.ChatEndUser(chat.endUserId(), chat.endUserIdentifier(), null),
                    DirectoryRefs.selectedMenu(chat.menuId(), menus), DirectoryRefs.menuPath(chat.menuId(), menus),
                    lastAgent == null ? null : DirectoryRefs.userRef(lastAgent.userId(), users),
                    photos.getOrDefault(chat.id(), List.of()), videos.getOrDefault(chat.id(), List.of()), List.of(),
                    handOvers));
        }
        return result;
    }
}
