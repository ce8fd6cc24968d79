package io.switchboard.reporting;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.FieldChange;
import io.switchboard.events.chat.ChatEvents;
import io.switchboard.events.chat.ChatEvents.ChatAssigned;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.chat.ChatEvents.ChatFinished;
import io.switchboard.events.chat.ChatEvents.ChatStatusChanged;
import io.switchboard.events.chat.ChatEvents.MessageSent;
import io.switchboard.events.interaction.CallEvents;
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
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.events.interaction.DirectoryEvents.AgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.AgentStatusChanged;
import io.switchboard.events.interaction.DirectoryEvents.AgentUpdated;
import io.switchboard.events.interaction.DirectoryEvents.MenuCreated;
import io.switchboard.events.interaction.DirectoryEvents.OrganizationUpdated;
import io.switchboard.events.interaction.DirectoryEvents.TeamCreated;
import io.switchboard.events.interaction.DirectoryEvents.TeamMemberAdded;
import io.switchboard.events.interaction.DirectoryEvents.TeamMemberRemoved;
import io.switchboard.events.interaction.DirectoryEvents.TeamUpdated;
import io.switchboard.events.media.MediaEvents;
import io.switchboard.events.media.MediaEvents.PhotoAttached;
import io.switchboard.events.media.MediaEvents.VideoAttached;
import io.switchboard.events.redaction.RedactionEvents;
import io.switchboard.events.redaction.RedactionEvents.EntitySpan;
import io.switchboard.events.redaction.RedactionEvents.MessageRedacted;
import io.switchboard.events.redaction.RedactionEvents.TopMatch;
import io.switchboard.testing.events.TestEnvelopes;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A contact-center morning as events: three agents in a team tree, two menus, status changes, one
 * conferenced inbound call (the call of CallMetricsCalculatorTest: 2 holds, 2 transfers, 3 agents and a
 * third party) and one chat. Ids are fixed, so tests can assert exact values.
 */
public final class Scenario {
    public static final Instant DAY = Instant.parse("2026-11-21T09:00:00Z");
    public static final long CALL_ID = 501;
    public static final long CHAT_ID = 701;

    private final String partner;
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<EventEnvelope> events = new ArrayList<>();

    private Scenario(String partner) {
        this.partner = partner;
    }

    public static Instant call(String mmss) {
        return Instant.parse("2026-11-21T10:" + mmss + "Z");
    }

    public static Instant morning(String mmss) {
        return Instant.parse("2026-11-21T09:" + mmss + "Z");
    }

    /** The whole scenario for a partner, in a valid order (each aggregate's events in sequence). */
    public static List<EventEnvelope> of(String partner) {
        Scenario s = new Scenario(partner);
        s.directory();
        s.statuses();
        s.theCall();
        s.theChat();
        return List.copyOf(s.events);
    }

    /**
     * The media service's events of the morning: a photo of the call and a video of the chat (each photo
     * and video is its own stream, on the media topic).
     */
    public static List<EventEnvelope> media(String partner) {
        Instant at = Instant.parse("2026-11-21T10:03:00Z");
        PhotoAttached photo = new PhotoAttached(801, "call", CALL_ID, "photo", "acme/photos/801.jpg",
                "image/jpeg", 2048, null, at);
        VideoAttached video = new VideoAttached(901, "chat", CHAT_ID, "acme/videos/901.mp4", "video/mp4",
                4096, 12, at.plusSeconds(60));
        Scenario s = new Scenario(partner);
        s.add(MediaEvents.PHOTO, 801, photo);
        s.add(MediaEvents.VIDEO, 901, video);
        return List.copyOf(s.events);
    }

    /**
     * The redaction service's events of the morning: the chat's two messages, redacted (one stream per chat,
     * on the redaction topic).
     */
    public static List<EventEnvelope> redacted(String partner) {
        Scenario s = new Scenario(partner);
        s.add(RedactionEvents.AGGREGATE_TYPE, CHAT_ID, redactedMessage(CHAT_ID, 1, "customer", null, null,
                "hi, I am ****NAME**** and my card ****NUMERIC**** was charged twice",
                List.of(new EntitySpan("NAME", 8, 13, 0.93), new EntitySpan("NUMERIC", 25, 44, 0.99)), -0.4,
                "billing", 0.82, morning("31:00")));
        s.add(RedactionEvents.AGGREGATE_TYPE, CHAT_ID, redactedMessage(CHAT_ID, 2, "agent", "103", "Carol Agent",
                "sorry about that, refunding it now", List.of(), 0.3, null, null, morning("32:00")));
        return List.copyOf(s.events);
    }

    /** A redacted message as the redaction service publishes it (its intents: billing, then refunds). */
    public static MessageRedacted redactedMessage(long chatId, long messageId, String senderType, String senderId,
                                                 String senderName, String text, List<EntitySpan> entities,
                                                 double sentiment, String topic, Double score, Instant sentAt) {
        List<TopMatch> matches = topic == null ? List.of()
                : List.of(new TopMatch(topic, score, "I was charged twice"), new TopMatch("refunds", 0.41, "give me my money back"));
        return new MessageRedacted(chatId + ".1", String.valueOf(chatId), chatId, 1, messageId, senderType, senderId,
                senderName, "agent".equals(senderType) ? "agent" : "bot", "chat", "3", 3L, text, entities, sentiment,
                "en", topic, score, matches, sentAt, sentAt.plusMillis(40));
    }

    /** The partner's organization settings (its own stream, id = the partner). */
    public static EventEnvelope organization(String partner) {
        OrganizationUpdated settings = new OrganizationUpdated("Acme Corp", "Europe/Berlin", "de",
                List.of(new FieldChange("name", partner, "Acme Corp")), 103L, morning("05:00.120"));
        return TestEnvelopes.of(settings).partner(partner).aggregate(DirectoryEvents.ORGANIZATION, partner).sequence(1)
                .at(settings.updatedAt()).build();
    }

    /** The same events (same ids) re-addressed to another partner. */
    public static List<EventEnvelope> forPartner(List<EventEnvelope> events, String partner) {
        return events.stream().map(e -> TestEnvelopes.from(e).partner(partner).build()).toList();
    }

    /** A random interleaving of the aggregates' streams that keeps each aggregate's own order. */
    public static List<EventEnvelope> interleave(List<EventEnvelope> events, long seed) {
        Map<String, Deque<EventEnvelope>> streams = new LinkedHashMap<>();
        for (EventEnvelope e : events) {
            streams.computeIfAbsent(e.aggregateType() + "/" + e.aggregateId(), k -> new ArrayDeque<>()).add(e);
        }
        Random random = new Random(seed);
        List<Deque<EventEnvelope>> open = new ArrayList<>(streams.values());
        List<EventEnvelope> result = new ArrayList<>();
        while (!open.isEmpty()) {
            int pick = random.nextInt(open.size());
            result.add(open.get(pick).poll());
            if (open.get(pick).isEmpty()) {
                open.remove(pick);
            }
        }
        return result;
    }

    private void directory() {
        agent(101, new AgentCreated(101, "Ada Lovelace", "Ada", "Lovelace", "ada@acme.test", null,
                List.of("agent"), List.of(11L), morning("00:00.000")));
        agent(102, new AgentCreated(102, "Bob Byte", "Bob", "Byte", "bob@acme.test", null,
                List.of("agent"), List.of(), morning("00:00.000")));
        agent(103, new AgentCreated(103, "Cy Coder", "Cy", "Coder", "cy@acme.test", null,
                List.of("agent", "supervisor"), List.of(12L), morning("00:00.000")));
        team(11, new TeamCreated(11, "US", null, morning("00:00.000")));
        team(12, new TeamCreated(12, "East", 11L, morning("00:00.000")));
        team(12, new TeamMemberAdded(12, 102, morning("01:00.000")));
        team(11, new TeamMemberAdded(11, 102, morning("01:00.000")));
        team(11, new TeamMemberRemoved(11, 102, morning("02:00.000")));
        agent(101, new AgentUpdated(101, List.of(new FieldChange("last_name", "Lovelace", "King"),
                new FieldChange("name", "Ada Lovelace", "Ada King")), "Ada King", "Ada", "King", "ada@acme.test", null,
                List.of("agent"), List.of(11L), 103L, morning("03:00.000")));
        team(12, new TeamUpdated(12, List.of(new FieldChange("name", "East", "East Coast")), "East Coast", 11L, 103L,
                morning("04:00.000")));
        menu(31, new MenuCreated(31, "Support", "voice", "ivr_menu", null, List.of(11L), null, morning("00:00.000")));
        menu(32, new MenuCreated(32, "Billing", "voice", "ivr_menu", 31L, List.of(12L), null, morning("00:00.000")));
    }

    private void statuses() {
        agent(101, new AgentStatusChanged(101, null, "Available", null, morning("10:00.000")));
        agent(101, new AgentStatusChanged(101, "Available", "Break", "coffee", morning("20:00.000")));
        agent(101, new AgentStatusChanged(101, "Break", "Available", null, morning("35:30.500")));
        agent(102, new AgentStatusChanged(102, null, "Available", null, morning("15:00.000")));
    }

    private void theCall() {
        long id = CALL_ID;
        callEvent(new CallCreated(id, "Voice Inbound (IVR)", "selecting", 31L, "en", "+15550001", null, null, null,
                "iuid-501", "not_asked", null, call("00:00.000")));
        callEvent(new ParticipantJoined(id, 1, "end_user", null, 9001L, "+15550001", call("00:00.000")));
        callEvent(new CallQueued(id, 32L, call("00:30.250")));
        callEvent(new CallConnecting(id, 101, call("01:00.000")));
        callEvent(new CallConnected(id, 101L, call("01:05.500")));
        callEvent(new ParticipantJoined(id, 2, "agent", 101L, null, null, call("01:05.500")));
        callEvent(new CallHeld(id, call("02:00.000")));
        callEvent(new CallResumed(id, call("02:20.000"), 20_000));
        callEvent(new TransferStarted(id, 21, "agent", 101L, 102L, null, null, call("02:50.000")));
        callEvent(new ParticipantJoined(id, 3, "agent", 102L, null, null, call("03:00.000")));
        callEvent(new TransferStarted(id, 22, "team", 102L, null, 12L, null, call("04:30.000")));
        callEvent(new ParticipantJoined(id, 4, "agent", 103L, null, null, call("05:00.000")));
        callEvent(new ParticipantLeft(id, 2, call("06:05.500")));
        callEvent(new ParticipantJoined(id, 5, "third_party", null, null, "+15550100", call("07:00.000")));
        callEvent(new ParticipantLeft(id, 5, call("08:00.000")));
        callEvent(new ParticipantLeft(id, 3, call("09:00.000")));
        callEvent(new CallHeld(id, call("10:00.000")));
        callEvent(new CallResumed(id, call("10:25.000"), 45_000));
        callEvent(new CallEnded(id, "finished", "disconnected_by_end_user", "nothing", 600_000, 45_000,
                call("11:05.500")));
        callEvent(new ParticipantLeft(id, 1, call("11:05.500")));
    }

    private void theChat() {
        long id = CHAT_ID;
        chatEvent(new ChatCreated(id, "queued", 31L, "en", new ChatEvents.EndUser(77L, "cust-77", null, null, null),
                null, Map.of(), List.of(), List.of(), morning("30:00.000"), null));
        chatEvent(new MessageSent(id, 1, 0, "end_user", "77", null, "text", "hello", Map.of(),
                morning("30:01.000"), null));
        chatEvent(new ChatAssigned(id, "agent", 101, "Ada King", 1, "router", morning("30:10.000"), 1));
        chatEvent(new ChatStatusChanged(id, "queued", "assigned", null, null, morning("30:10.000")));
        chatEvent(new MessageSent(id, 2, 1, "agent", "101", "Ada King", "text", "hi", Map.of(),
                morning("30:20.000"), null));
        chatEvent(new ChatFinished(id, "finished", "disconnected_by_end_user", null, morning("40:00.000")));
    }

    private void agent(long id, DomainEvent data) {
        add(DirectoryEvents.AGENT, id, data);
    }

    private void team(long id, DomainEvent data) {
        add(DirectoryEvents.TEAM, id, data);
    }

    private void menu(long id, DomainEvent data) {
        add(DirectoryEvents.MENU, id, data);
    }

    private void callEvent(DomainEvent data) {
        add(CallEvents.AGGREGATE_TYPE, CALL_ID, data);
    }

    private void chatEvent(DomainEvent data) {
        add(ChatEvents.AGGREGATE_TYPE, CHAT_ID, data);
    }

    private void add(String aggregateType, long id, DomainEvent data) {
        long sequence = sequences.merge(TestEnvelopes.key(aggregateType, id), 1L, Long::sum);
        events.add(TestEnvelopes.of(data).partner(partner).aggregate(aggregateType, id).sequence(sequence)
                .at(occurredAt(data)).build());
    }

    /** Each payload's own time, so envelopes carry the time the fact happened. */
    private static Instant occurredAt(DomainEvent data) {
        for (var component : data.getClass().getRecordComponents()) {
            if (component.getType() == Instant.class && component.getName().endsWith("At")
                    && !component.getName().equals("scheduledAt") && !component.getName().equals("timeoutAt")) {
                try {
                    Object value = component.getAccessor().invoke(data);
                    if (value != null) {
                        return (Instant) value;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return DAY;
    }
}
