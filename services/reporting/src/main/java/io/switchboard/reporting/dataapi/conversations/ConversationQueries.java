package io.switchboard.reporting.dataapi.conversations;

import io.switchboard.reporting.lifecycle.Lifecycle;
import io.switchboard.reporting.calls.CallStatus;

import io.switchboard.reporting.calls.Call;
import io.switchboard.reporting.calls.CallParticipant;
import io.switchboard.reporting.calls.CallQueries;
import io.switchboard.reporting.chats.Chat;
import io.switchboard.reporting.chats.ChatParticipant;
import io.switchboard.reporting.chats.ChatQueries;
import io.switchboard.reporting.jdbc.ListParams;
import io.switchboard.reporting.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Conversations (calls and chats) of one partner over the existing read models: a keyset query finds the
 * page's keys newest first — (created_at, channel, id) descending, unique and fixed once a conversation was
 * created, so a page never repeats or skips a conversation while others arrive — and the calls and chats are
 * then rendered by their read models' own queries ({@link CallQueries}, {@link ChatQueries}), so a call's
 * metrics are exactly the Manager API's. A conversation whose creation event has not arrived yet (no
 * {@code created_at}) is not listed until it does.
 */
@ApplicationScoped
public class ConversationQueries {
    public static final int MAX_FIRST = 100;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX")
            .withZone(ZoneOffset.UTC);

    private final DataSource dataSource;
    private final CallQueries calls;
    private final ChatQueries chats;

    public ConversationQueries(DataSource dataSource, CallQueries calls, ChatQueries chats) {
        this.dataSource = dataSource;
        this.calls = calls;
        this.chats = chats;
    }

    /**
     * Which conversations a list holds: a condition on calls (alias {@code c}) and one on chats (alias
     * {@code h}), each with its parameters; {@code null} leaves that channel out.
     */
    public record Filter(String calls, List<Object> callParams, String chats, List<Object> chatParams) {
        public static Filter byId(ConversationId id) {
            return id.channel().equals(ConversationId.CALL)
                    ? new Filter("c.id = ?", List.of(id.id()), null, List.of())
                    : new Filter(null, List.of(), "h.id = ?", List.of(id.id()));
        }

        /** The customer's end-user id and/or phone number (both must match when both are given). */
        public static Filter byCustomer(Long endUserId, String phone) {
            List<String> call = new ArrayList<>();
            List<Object> callParams = new ArrayList<>();
            List<String> chat = new ArrayList<>();
            List<Object> chatParams = new ArrayList<>();
            if (endUserId != null) {
                call.add("EXISTS (SELECT 1 FROM call_participants p WHERE p.partner_id = c.partner_id"
                        + " AND p.call_id = c.id AND p.end_user_id = ?)");
                callParams.add(endUserId);
                chat.add("h.end_user_id = ?");
                chatParams.add(endUserId);
            }
            if (phone != null) {
                call.add("c.end_user_number = ?");
                callParams.add(phone);
                chat.add("h.end_user_phone = ?");
                chatParams.add(phone);
            }
            return new Filter(String.join(" AND ", call), callParams, String.join(" AND ", chat), chatParams);
        }

        /** Chats whose customer gave this e-mail (case-insensitive); calls carry no e-mail. */
        public static Filter byEmail(String email) {
            return new Filter(null, List.of(), "lower(h.end_user_email) = lower(?)", List.of(email));
        }

        /** Conversations waiting for an agent now: the status a call or chat shows (one rule each, as the Manager API's) is {@code queued}. */
        public static Filter queued() {
            return new Filter("(" + CallStatus.SQL + ") = 'queued'", List.of(), ChatQueries.shownStatus("h") + " = 'queued'", List.of());
        }

        /** Chats claimed and not released (by {@code agentId} when not null); calls are never claimed. */
        public static Filter claimed(Long agentId) {
            return agentId == null
                    ? new Filter(null, List.of(), "EXISTS (SELECT 1 FROM chat_claims k WHERE k.partner_id = h.partner_id"
                            + " AND k.chat_id = h.id AND k.agent_id IS NOT NULL)", List.of())
                    : new Filter(null, List.of(), "EXISTS (SELECT 1 FROM chat_claims k WHERE k.partner_id = h.partner_id"
                            + " AND k.chat_id = h.id AND k.agent_id = ?)", List.of(agentId));
        }

        /** Chats with a mark (this one when not null); calls are never marked. */
        public static Filter marked(String mark) {
            return mark == null
                    ? new Filter(null, List.of(), "EXISTS (SELECT 1 FROM chat_marks m WHERE m.partner_id = h.partner_id"
                            + " AND m.chat_id = h.id)", List.of())
                    : new Filter(null, List.of(), "EXISTS (SELECT 1 FROM chat_marks m WHERE m.partner_id = h.partner_id"
                            + " AND m.chat_id = h.id AND m.mark = ?)", List.of(mark));
        }

        /**
         * The custom-data attribute names that hold an itinerary (a trip's booking reference): a partner sends it in
         * a chat's custom data under one of these names.
         */
        public static final List<String> ITINERARY_ATTRIBUTES = List.of("itinerary", "itinerary_number", "itinerary_id");

        /** Chats carrying this itinerary under one of {@link #ITINERARY_ATTRIBUTES}; calls carry no custom data. */
        public static Filter byItinerary(String itinerary) {
            return new Filter(null, List.of(), "EXISTS (SELECT 1 FROM chat_attributes a WHERE a.partner_id = h.partner_id"
                    + " AND a.chat_id = h.id AND a.name = ANY (?) AND a.value = ?)",
                    List.of(ITINERARY_ATTRIBUTES, itinerary));
        }

        /** Chats carrying every one of these attribute values (AND); calls carry no custom data. */
        public static Filter byAttributes(List<Conversation.Attribute> attributes) {
            List<String> conditions = new ArrayList<>();
            List<Object> params = new ArrayList<>();
            for (Conversation.Attribute attribute : attributes) {
                conditions.add("EXISTS (SELECT 1 FROM chat_attributes a WHERE a.partner_id = h.partner_id"
                        + " AND a.chat_id = h.id AND a.name = ? AND a.value = ?)");
                params.add(attribute.name());
                params.add(attribute.value());
            }
            return new Filter(null, List.of(), String.join(" AND ", conditions), params);
        }

        /**
         * Conversations an agent joined after another agent had them: a call whose handling agent (the one it
         * connected to, else the agent it was created for) is someone else, with the agent among its agent
         * participants (a transfer or conference); a chat handed to the agent after its first agent hand-over went to
         * someone else.
         */
        public static Filter assistedBy(long agentId) {
            return new Filter("COALESCE(c.connected_agent_id, c.agent_id) IS DISTINCT FROM ? AND EXISTS (SELECT 1"
                    + " FROM call_participants p WHERE p.partner_id = c.partner_id AND p.call_id = c.id"
                    + " AND p.participant_type = 'agent' AND p.user_id = ?)", List.of(agentId, agentId),
                    "EXISTS (SELECT 1 FROM chat_participants p WHERE p.partner_id = h.partner_id AND p.chat_id = h.id"
                            + " AND p.participant_type = 'agent' AND p.user_id = ?) AND (SELECT f.user_id FROM chat_participants f"
                            + " WHERE f.partner_id = h.partner_id AND f.chat_id = h.id AND f.participant_type = 'agent'"
                            + " ORDER BY f.segment LIMIT 1) IS DISTINCT FROM ?", List.of(agentId, agentId));
        }

        /** Conversations an agent handled or joined: a call's handling agent or agent participant, a chat's hand-overs. */
        public static Filter byAgent(long agentId) {
            return new Filter("(COALESCE(c.connected_agent_id, c.agent_id) = ? OR EXISTS (SELECT 1 FROM call_participants p"
                    + " WHERE p.partner_id = c.partner_id AND p.call_id = c.id AND p.participant_type = 'agent'"
                    + " AND p.user_id = ?))", List.of(agentId, agentId),
                    "EXISTS (SELECT 1 FROM chat_participants p WHERE p.partner_id = h.partner_id AND p.chat_id = h.id"
                            + " AND p.participant_type = 'agent' AND p.user_id = ?)", List.of(agentId));
        }
    }

    public Optional<Conversation> find(String partner, ConversationId id) throws SQLException {
        return page(partner, Filter.byId(id), 1, null).edges().stream().map(Conversation.Edge::node).findFirst();
    }

    /**
     * Up to {@code first} conversations after the cursor (null: from the newest), of one partner, or of every
     * partner when {@code partner} is null (the system level; each conversation names its partner).
     */
    public Conversation.Connection page(String partner, Filter filter, int first, Cursor after) throws SQLException {
        if (first < 1 || first > MAX_FIRST) {
            throw new IllegalArgumentException("first must be 1.." + MAX_FIRST);
        }
        List<Key> keys = keys(partner, filter, first + 1, after);
        boolean more = keys.size() > first;
        List<Key> shown = more ? keys.subList(0, first) : keys;
        Map<String, Map<Long, Call>> callsById = new HashMap<>();
        Map<String, Map<Long, Chat>> chatsById = new HashMap<>();
        for (String owner : shown.stream().map(Key::partnerId).distinct().toList()) {
            List<Key> owned = shown.stream().filter(k -> k.partnerId.equals(owner)).toList();
            callsById.put(owner, calls(owner, owned));
            chatsById.put(owner, chats(owner, owned));
        }
        List<Conversation.Edge> edges = new ArrayList<>();
        for (Key key : shown) {
            Conversation node = key.channel.equals(ConversationId.CALL)
                    ? of(key.partnerId, callsById.get(key.partnerId).get(key.id), key)
                    : of(key.partnerId, chatsById.get(key.partnerId).get(key.id), key);
            // A row deleted between the two queries (a rebuild's swap) is left out rather than shown half.
            if (node != null) {
                edges.add(new Conversation.Edge(key.cursor().encode(), node));
            }
        }
        String end = shown.isEmpty() ? null : shown.get(shown.size() - 1).cursor().encode();
        return new Conversation.Connection(edges, new Conversation.PageInfo(more, end), () -> count(partner, filter));
    }

    /** A page's key, with a chat's lifecycle facts its read model's view does not carry (null for calls). */
    private record Key(String partnerId, String channel, long id, Instant createdAt, Long endUserId, String identifier,
                       String email, String phone, Instant chatQueuedAt, String chatDeflectionChannel) {
        Cursor cursor() {
            return new Cursor(Cursor.micros(createdAt), channel, id, partnerId);
        }
    }

    /** How many conversations of the partner (every partner: null) the filter matches. */
    public long count(String partner, Filter filter) throws SQLException {
        List<Object> params = new ArrayList<>();
        List<String> branches = branches(partner, filter, params);
        if (branches.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM (" + String.join(" UNION ALL ", branches) + ") t")) {
            Sql.bind(c, s, params.toArray());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<Key> keys(String partner, Filter filter, int limit, Cursor after) throws SQLException {
        List<Object> params = new ArrayList<>();
        List<String> branches = branches(partner, filter, params);
        String position = after == null ? "" : " AND (t.created_at, t.channel, t.id, t.partner_id) < (?, ?, ?, ?)";
        if (branches.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT * FROM (" + String.join(" UNION ALL ", branches) + ") t WHERE true" + position
                + " ORDER BY t.created_at DESC, t.channel DESC, t.id DESC, t.partner_id DESC LIMIT ?";
        if (after != null) {
            params.add(after.createdAt());
            params.add(after.channel());
            params.add(after.id());
            params.add(after.partnerId());
        }
        params.add(limit);
        List<Key> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            Sql.bind(c, s, params.toArray());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.add(new Key(rs.getString(1), rs.getString(2), rs.getLong(3), Sql.instant(rs, "created_at"),
                            Sql.longOrNull(rs, "end_user_id"), rs.getString(6), rs.getString(7), rs.getString(8),
                            Sql.instant(rs, "queued_at"), rs.getString("deflection_channel")));
                }
            }
        }
        return keys;
    }

    /** The calls' and chats' SELECTs of a filter (none, one or both), their parameters added to {@code params}. */
    private static List<String> branches(String partner, Filter filter, List<Object> params) {
        List<String> branches = new ArrayList<>();
        String owner = partner == null ? "true" : "%s.partner_id = ?";
        if (filter.calls() != null) {
            branches.add("""
                    SELECT c.partner_id, 'call' COLLATE "C" AS channel, c.id, c.created_at,
                           (SELECT min(p.end_user_id) FROM call_participants p WHERE p.partner_id = c.partner_id
                               AND p.call_id = c.id AND p.end_user_id IS NOT NULL) AS end_user_id,
                           NULL::text AS identifier, NULL::text AS email, c.end_user_number AS phone,
                           NULL::timestamptz AS queued_at, NULL::text AS deflection_channel
                      FROM calls c WHERE\s""" + owner.formatted("c") + " AND c.created_at IS NOT NULL AND (" + filter.calls() + ")");
            if (partner != null) {
                params.add(partner);
            }
            params.addAll(filter.callParams());
        }
        if (filter.chats() != null) {
            branches.add("""
                    SELECT h.partner_id, 'chat' COLLATE "C" AS channel, h.id, h.created_at, h.end_user_id, h.end_user_identifier,
                           h.end_user_email, h.end_user_phone, h.queued_at, h.deflection_channel
                      FROM chats h WHERE\s""" + owner.formatted("h") + " AND h.created_at IS NOT NULL AND (" + filter.chats() + ")");
            if (partner != null) {
                params.add(partner);
            }
            params.addAll(filter.chatParams());
        }
        return branches;
    }

    private Map<Long, Call> calls(String partner, List<Key> keys) throws SQLException {
        List<Long> ids = ids(keys, ConversationId.CALL);
        Map<Long, Call> byId = new HashMap<>();
        if (!ids.isEmpty()) {
            calls.list(partner, byIds(ids)).rows().forEach(call -> byId.put(call.id(), call));
        }
        return byId;
    }

    private Map<Long, Chat> chats(String partner, List<Key> keys) throws SQLException {
        List<Long> ids = ids(keys, ConversationId.CHAT);
        Map<Long, Chat> byId = new HashMap<>();
        if (!ids.isEmpty()) {
            chats.list(partner, byIds(ids)).rows().forEach(chat -> byId.put(chat.id(), chat));
        }
        return byId;
    }

    private static List<Long> ids(List<Key> keys, String channel) {
        return keys.stream().filter(k -> k.channel.equals(channel)).map(Key::id).toList();
    }

    /** The read model's own list, asked for exactly these ids (at most {@link #MAX_FIRST}, one page). */
    private static ListParams byIds(List<Long> ids) {
        MultivaluedHashMap<String, String> query = new MultivaluedHashMap<>();
        query.add("id[]", ids.stream().map(String::valueOf).collect(Collectors.joining(",")));
        query.add("per", String.valueOf(MAX_FIRST));
        return new ListParams(query);
    }

    private static Conversation of(String partner, Call call, Key key) {
        if (call == null) {
            return null;
        }
        List<Conversation.Participant> participants = new ArrayList<>();
        for (CallParticipant p : call.participants()) {
            Long user = "end_user".equals(p.type()) ? p.endUserId() : p.userId();
            participants.add(new Conversation.Participant(String.valueOf(p.id()), p.type(), text(user), null,
                    p.phoneNumber(), time(p.connectedAt()), time(p.endedAt())));
        }
        Conversation.CallMetrics metrics = new Conversation.CallMetrics(call.billingTime(), call.callTime(),
                call.ivrTime(), call.queueTime(), call.waitTime(), call.handleTime(), call.ringTime(), call.talkTime(),
                call.holdTime(), call.conferenceTime(), call.thirdPartyTalkTime());
        Lifecycle lifecycle = Lifecycle.of(new Lifecycle.CallFacts(call.endsAt() != null, call.queuedAt() != null,
                call.assignedAt() != null, call.connectedAt() != null,
                call.participants().stream().anyMatch(p -> "agent".equals(p.type())),
                CallQueries.outbound(call.callType()), call.transfers().size(),
                call.endsAt() == null ? null : call.status()));
        return new Conversation(new ConversationId(ConversationId.CALL, call.id()).toString(), "CALL", partner,
                call.status(), call.lang(), time(call.createdAt()), time(call.queuedAt()), time(call.assignedAt()),
                time(call.endsAt()), customer(key), call.selectedMenu() == null ? null
                : new Conversation.MenuRef(String.valueOf(call.selectedMenu().id()), call.selectedMenu().name()),
                null, participants, metrics, lifecycle);
    }

    private static Conversation of(String partner, Chat chat, Key key) {
        if (chat == null) {
            return null;
        }
        List<Conversation.Participant> participants = new ArrayList<>();
        // The customer opens the chat and is in it until it finishes: the chat service records no other join or
        // leave of theirs. Hand-overs are numbered from 1, so 0 is free for the customer's session.
        participants.add(new Conversation.Participant(String.valueOf(chat.id() * END_USER_SESSIONS), "end_user",
                chat.endUser() == null ? null : text(chat.endUser().id()), null, null, time(chat.createdAt()),
                time(chat.endsAt())));
        for (ChatParticipant p : chat.participants()) {
            participants.add(new Conversation.Participant(String.valueOf(p.id()), p.type(), text(p.userId()), p.name(),
                    null, time(p.connectedAt()), time(p.finishedAt())));
        }
        Lifecycle lifecycle = Lifecycle.of(new Lifecycle.ChatFacts(chat.endsAt() != null, key.chatQueuedAt() != null,
                chat.assignedAt() != null, (int) chat.participants().stream().filter(p -> "agent".equals(p.type())).count(),
                key.chatDeflectionChannel() != null));
        return new Conversation(new ConversationId(ConversationId.CHAT, chat.id()).toString(), "CHAT", partner,
                chat.status(), chat.lang(), time(chat.createdAt()), time(key.chatQueuedAt()), time(chat.assignedAt()),
                time(chat.endsAt()), customer(key), chat.selectedMenu() == null ? null
                : new Conversation.MenuRef(String.valueOf(chat.selectedMenu().id()), chat.selectedMenu().name()),
                chat.messageCount(), participants, null, lifecycle);
    }

    /** A chat's participant ids: chat id x this + hand-over number (the Manager API's chat participant ids). */
    private static final long END_USER_SESSIONS = 1000;

    private static Conversation.Customer customer(Key key) {
        return new Conversation.Customer(text(key.endUserId), key.identifier, key.email, key.phone);
    }

    private static String text(Long id) {
        return id == null ? null : String.valueOf(id);
    }

    /** At most this many messages per conversation in one answer. */
    public static final int MAX_MESSAGES = 200;

    /** A chat's redacted messages, oldest first, at most {@code first}. */
    public List<Conversation.Message> messages(String partner, long chatId, int first) throws SQLException {
        List<Conversation.Message> messages = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT message_id, sender_type, sender_name, redacted_text, sentiment, language, topic, score, sent_at
                  FROM chat_messages WHERE partner_id = ? AND chat_id = ? ORDER BY sent_at, message_id LIMIT ?""")) {
            Sql.bind(c, s, partner, chatId, first);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    double score = rs.getDouble("score");
                    messages.add(new Conversation.Message(String.valueOf(rs.getLong("message_id")), rs.getString("sender_type"),
                            rs.getString("sender_name"), rs.getString("redacted_text"), rs.getDouble("sentiment"),
                            rs.getString("language"), rs.getString("topic"), rs.wasNull() ? null : score,
                            time(Sql.instant(rs, "sent_at"))));
                }
            }
        }
        return messages;
    }

    /** The intents that were topics of a chat's messages: best score first (then by name). */
    public List<Conversation.Objective> objectives(String partner, long chatId) throws SQLException {
        List<Conversation.Objective> objectives = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT topic, max(score) AS score, count(*) AS messages FROM chat_messages
                 WHERE partner_id = ? AND chat_id = ? AND topic IS NOT NULL AND score IS NOT NULL
                 GROUP BY topic ORDER BY max(score) DESC, topic""")) {
            Sql.bind(c, s, partner, chatId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    objectives.add(new Conversation.Objective(rs.getString("topic"), rs.getDouble("score"), rs.getInt("messages")));
                }
            }
        }
        return objectives;
    }

    /** A chat's claim when it is claimed and not released (the latest claim or release by time wins); else empty. */
    public Optional<Conversation.Claim> claim(String partner, long chatId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT agent_id, changed_at FROM chat_claims WHERE partner_id = ? AND chat_id = ? AND agent_id IS NOT NULL""")) {
            Sql.bind(c, s, partner, chatId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Conversation.Claim(String.valueOf(rs.getLong("agent_id")),
                        time(Sql.instant(rs, "changed_at")))) : Optional.empty();
            }
        }
    }

    /** A chat's latest mark by time, if it was ever marked. */
    public Optional<Conversation.Mark> mark(String partner, long chatId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT mark, marked_by_user_id, marked_at FROM chat_marks WHERE partner_id = ? AND chat_id = ?""")) {
            Sql.bind(c, s, partner, chatId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Conversation.Mark(rs.getString("mark"),
                        text(Sql.longOrNull(rs, "marked_by_user_id")), time(Sql.instant(rs, "marked_at")))) : Optional.empty();
            }
        }
    }

    /**
     * A call's attributes: the caller attributes of the visual-IVR interaction it came from (its interaction unique
     * id; the interaction with that id that started last, not after the call was created: ids are reused), by name.
     */
    public List<Conversation.Attribute> callAttributes(String partner, long callId) throws SQLException {
        List<Conversation.Attribute> attributes = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT a.name, a.value FROM calls c
                  JOIN LATERAL (SELECT i.id FROM ivr_interactions i
                                 WHERE i.partner_id = c.partner_id AND i.unique_id = c.interaction_unique_id
                                   AND (c.created_at IS NULL OR i.started_at <= c.created_at)
                                 ORDER BY i.started_at DESC LIMIT 1) i ON true
                  JOIN ivr_caller_attributes a ON a.partner_id = c.partner_id AND a.interaction_id = i.id
                 WHERE c.partner_id = ? AND c.id = ? ORDER BY a.name""")) {
            s.setString(1, partner);
            s.setLong(2, callId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    attributes.add(new Conversation.Attribute(rs.getString("name"), rs.getString("value"), null));
                }
            }
        }
        return attributes;
    }

    /** A chat's custom-data attributes by name. */
    public List<Conversation.Attribute> attributes(String partner, long chatId) throws SQLException {
        List<Conversation.Attribute> attributes = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT name, value, label FROM chat_attributes WHERE partner_id = ? AND chat_id = ? ORDER BY name""")) {
            Sql.bind(c, s, partner, chatId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    attributes.add(new Conversation.Attribute(rs.getString("name"), rs.getString("value"), rs.getString("label")));
                }
            }
        }
        return attributes;
    }

    private static String time(Instant at) {
        return at == null ? null : TIME.format(at);
    }
}
