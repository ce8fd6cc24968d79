package io.switchboard.reporting.live.feed;

import io.switchboard.consumer.positions.ArrayLiteral;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.chat.ChatEvents.ChatAssigned;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.chat.ChatEvents.ChatFinished;
import io.switchboard.events.chat.ChatEvents.ChatStatusChanged;
import io.switchboard.events.chat.ChatEvents.CustomDataAttached;
import io.switchboard.events.chat.ChatEvents.EndUserUpdated;
import io.switchboard.events.chat.ChatEvents.EscalationUpdated;
import io.switchboard.events.chat.ChatEvents.MessageSent;
import io.switchboard.events.interaction.CallEvents.CallConnected;
import io.switchboard.events.interaction.CallEvents.CallConnecting;
import io.switchboard.events.interaction.CallEvents.CallCreated;
import io.switchboard.events.interaction.CallEvents.CallEnded;
import io.switchboard.events.interaction.CallEvents.CallHeld;
import io.switchboard.events.interaction.CallEvents.CallQueued;
import io.switchboard.events.interaction.CallEvents.CallResumed;
import io.switchboard.events.interaction.CallEvents.ParticipantJoined;
import io.switchboard.events.interaction.CallEvents.ParticipantLeft;
import io.switchboard.events.interaction.CallEvents.TransferStarted;
import io.switchboard.events.interaction.CallEvents.VoicemailRecorded;
import io.switchboard.events.interaction.DirectoryEvents.AgentStatusChanged;
import io.switchboard.reporting.calls.CallStatus;
import io.switchboard.reporting.chats.ChatQueries;
import io.switchboard.reporting.jdbc.Projection;
import io.switchboard.reporting.jdbc.Writes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the live stream's feed ({@value #TABLE}): after every other projection of the batch has written its rows,
 * in the same transaction, one row per call, chat and agent status the batch changed, whose body is the row's state
 * after the batch — so the feed says exactly what the read models applied, and commits (or not) with them. Then one
 * {@code pg_notify('live_feed', partner)} per partner wakes the stream readers of every instance.
 *
 * <p>Only the live projector runs it ({@code Projections.live()}), never a rebuild: a replay from offset 0 would
 * re-announce a year of calls as if they had just happened. It is therefore no read model of its own (no rebuild
 * name) and writes nothing the other projections read.
 */
public final class LiveFeedProjection implements Projection {
    public static final String TABLE = "live_feed";
    public static final String CHANNEL = "live_feed";

    /** A wire time: UTC ISO-8601 with milliseconds, as every JSON time of the service. */
    private static String time(String column) {
        return "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
    }

    private static final String CALLS = "INSERT INTO " + TABLE + " (partner_id, kind, entity_id, body)"
            + " SELECT c.partner_id, 'call', c.id, jsonb_build_object('callId', c.id, 'status', " + CallStatus.SQL
            + ", 'menuId', c.menu_id, 'agentId', COALESCE(c.connected_agent_id, c.agent_id)"
            + ", 'createdAt', " + time("c.created_at") + ", 'queuedAt', " + time("c.queued_at")
            + ", 'connectedAt', " + time("c.connected_at") + ", 'endedAt', " + time("c.ended_at")
            + ", 'change', CASE WHEN t.created THEN 'created' ELSE 'changed' END)"
            + " FROM unnest(?::text[], ?::int8[], ?::bool[]) WITH ORDINALITY AS t(partner_id, id, created, n)"
            + " JOIN calls c ON c.partner_id = t.partner_id AND c.id = t.id ORDER BY t.n";

    private static final String CHATS = "INSERT INTO " + TABLE + " (partner_id, kind, entity_id, body)"
            + " SELECT c.partner_id, 'chat', c.id, jsonb_build_object('chatId', c.id, 'status', "
            + ChatQueries.shownStatus("c") + ", 'menuId', c.menu_id, 'agentId', (SELECT p.user_id FROM chat_participants p"
            + " WHERE p.partner_id = c.partner_id AND p.chat_id = c.id AND p.participant_type = 'agent'"
            + " ORDER BY p.segment DESC LIMIT 1)"
            + ", 'createdAt', " + time("c.created_at") + ", 'assignedAt', " + time("c.assigned_at")
            + ", 'endedAt', " + time("c.ended_at") + ", 'messageCount', c.message_count"
            + ", 'change', CASE WHEN t.created THEN 'created' ELSE 'changed' END)"
            + " FROM unnest(?::text[], ?::int8[], ?::bool[]) WITH ORDINALITY AS t(partner_id, id, created, n)"
            + " JOIN chats c ON c.partner_id = t.partner_id AND c.id = t.id ORDER BY t.n";

    /**
     * An agent's status only when the batch set its current one: a change that arrived late (older than the
     * status the agent already shows) changes nothing a dashboard shows, so it is not announced.
     */
    private static final String AGENT_STATUSES = "INSERT INTO " + TABLE + " (partner_id, kind, entity_id, body)"
            + " SELECT DISTINCT ON (a.partner_id, a.id) a.partner_id, 'agentStatus', a.id, jsonb_build_object("
            + "'agentId', a.id, 'status', a.status, 'previousStatus', (SELECT l.previous_status FROM agent_status_log l"
            + " WHERE l.partner_id = a.partner_id AND l.agent_id = a.id AND l.started_at = a.status_updated_at"
            + " AND l.status = a.status LIMIT 1), 'reason', a.status_reason, 'since', " + time("a.status_updated_at") + ")"
            + " FROM unnest(?::text[], ?::int8[], ?::timestamptz[]) WITH ORDINALITY AS t(partner_id, id, changed_at, n)"
            + " JOIN agents a ON a.partner_id = t.partner_id AND a.id = t.id AND a.status_updated_at = t.changed_at"
            + " ORDER BY a.partner_id, a.id, t.n";

    private static final String NOTIFY = "SELECT pg_notify('" + CHANNEL + "', p) FROM unnest(?::text[]) AS t(p)";

    @Override
    public List<String> tables() {
        return List.of(TABLE);
    }

    private record Key(String partner, long id) {
    }

    private record StatusChange(String partner, long agentId, Instant changedAt) {
    }

    @Override
    public Applier begin(Connection connection, List<EventEnvelope> events) {
        Map<Key, Boolean> calls = new LinkedHashMap<>();
        Map<Key, Boolean> chats = new LinkedHashMap<>();
        Set<StatusChange> statuses = new LinkedHashSet<>();
        return new Applier() {
            @Override
            public void apply(Writes writes, EventEnvelope event) {
                Object data = event.data();
                Long call = callId(data);
                if (call != null) {
                    calls.merge(new Key(event.partnerId(), call), data instanceof CallCreated, Boolean::logicalOr);
                }
                Long chat = chatId(data);
                if (chat != null) {
                    chats.merge(new Key(event.partnerId(), chat), data instanceof ChatCreated, Boolean::logicalOr);
                }
                if (data instanceof AgentStatusChanged d && d.changedAt() != null) {
                    statuses.add(new StatusChange(event.partnerId(), d.agentId(), d.changedAt()));
                }
            }

            @Override
            public void finish(Connection c) throws SQLException {
                Set<String> partners = new LinkedHashSet<>();
                partners.addAll(insert(c, CALLS, calls));
                partners.addAll(insert(c, CHATS, chats));
                if (!statuses.isEmpty()) {
                    List<Object> p = new ArrayList<>();
                    List<Object> ids = new ArrayList<>();
                    List<Object> at = new ArrayList<>();
                    statuses.forEach(s -> {
                        p.add(s.partner());
                        ids.add(s.agentId());
                        at.add(s.changedAt());
                    });
                    if (run(c, AGENT_STATUSES, p, ids, at) > 0) {
                        statuses.forEach(s -> partners.add(s.partner()));
                    }
                }
                if (!partners.isEmpty()) {
                    try (PreparedStatement s = c.prepareStatement(NOTIFY)) {
                        s.setString(1, ArrayLiteral.of(new ArrayList<>(partners)));
                        s.execute();
                    }
                }
            }
        };
    }

    /** @return the partners that got a row */
    private static Set<String> insert(Connection c, String sql, Map<Key, Boolean> touched) throws SQLException {
        if (touched.isEmpty()) {
            return Set.of();
        }
        List<Object> partners = new ArrayList<>();
        List<Object> ids = new ArrayList<>();
        List<Object> created = new ArrayList<>();
        touched.forEach((key, isNew) -> {
            partners.add(key.partner());
            ids.add(key.id());
            created.add(isNew);
        });
        if (run(c, sql, partners, ids, created) == 0) {
            return Set.of();
        }
        Set<String> result = new LinkedHashSet<>();
        touched.keySet().forEach(k -> result.add(k.partner()));
        return result;
    }

    private static int run(Connection c, String sql, List<Object> a, List<Object> b, List<Object> d) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, ArrayLiteral.of(a));
            s.setString(2, ArrayLiteral.of(b));
            s.setString(3, ArrayLiteral.of(d));
            return s.executeUpdate();
        }
    }

    /** The call whose {@code calls} row the event changes (as the calls projection stores it), else null. */
    static Long callId(Object data) {
        if (data instanceof CallCreated d) {
            return d.callId();
        } else if (data instanceof CallQueued d) {
            return d.callId();
        } else if (data instanceof CallConnecting d) {
            return d.callId();
        } else if (data instanceof CallConnected d) {
            return d.callId();
        } else if (data instanceof CallHeld d) {
            return d.callId();
        } else if (data instanceof CallResumed d) {
            return d.callId();
        } else if (data instanceof CallEnded d) {
            return d.callId();
        } else if (data instanceof VoicemailRecorded d) {
            return d.callId();
        } else if (data instanceof TransferStarted d) {
            return d.callId();
        } else if (data instanceof ParticipantJoined d) {
            return d.callId();
        } else if (data instanceof ParticipantLeft d) {
            return d.callId();
        }
        return null;
    }

    /** The chat whose shown fields (status, agent, times, message count) the event can change, else null. */
    static Long chatId(Object data) {
        if (data instanceof ChatCreated d) {
            return d.chatId();
        } else if (data instanceof MessageSent d) {
            return d.chatId();
        } else if (data instanceof ChatAssigned d) {
            return d.chatId();
        } else if (data instanceof ChatStatusChanged d) {
            return d.chatId();
        } else if (data instanceof ChatFinished d) {
            return d.chatId();
        } else if (data instanceof EscalationUpdated d) {
            return d.chatId();
        } else if (data instanceof CustomDataAttached d) {
            return d.chatId();
        } else if (data instanceof EndUserUpdated d) {
            return d.chatId();
        }
        return null;
    }
}
