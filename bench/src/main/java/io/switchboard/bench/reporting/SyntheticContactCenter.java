package io.switchboard.bench.reporting;

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
import io.switchboard.events.interaction.DirectoryEvents.TeamCreated;
import io.switchboard.testing.events.TestEnvelopes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A synthetic but realistic event stream of several partners' contact centers: each partner's directory
 * (teams, menus, agents), then many conversations at once — calls with their whole lifecycle (IVR,
 * queue, ringing, connect, holds, transfers with a second agent, end, participants leaving), chats
 * with their messages, hand-over and finish, and agents changing status — with the events of the open
 * conversations interleaved as they would be on the wire (each aggregate's own order kept).
 */
public final class SyntheticContactCenter {
    private static final int AGENTS_PER_PARTNER = 60;
    private static final int OPEN_CONVERSATIONS = 400;

    private final Random random;
    private final int partners;
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<Deque<EventEnvelope>> open = new ArrayList<>();
    private Instant clock = Instant.parse("2026-11-02T08:00:00Z");
    private long nextId = 1_000;

    public SyntheticContactCenter(int partners, long seed) {
        this.partners = partners;
        this.random = new Random(seed);
    }

    public static String partner(int n) {
        return "bench-partner-" + n;
    }

    /** Emits {@code count} events (or a few more: the directory comes whole), in wire order. */
    public void emit(long count, Consumer<EventEnvelope> sink) {
        long emitted = 0;
        for (int p = 0; p < partners; p++) {
            for (EventEnvelope e : directory(partner(p))) {
                sink.accept(e);
                emitted++;
            }
        }
        while (emitted < count) {
            while (open.size() < OPEN_CONVERSATIONS) {
                open.add(new ArrayDeque<>(conversation(partner(random.nextInt(partners)))));
            }
            int pick = random.nextInt(open.size());
            Deque<EventEnvelope> conversation = open.get(pick);
            sink.accept(conversation.poll());
            emitted++;
            if (conversation.isEmpty()) {
                open.set(pick, open.get(open.size() - 1));
                open.remove(open.size() - 1);
            }
        }
    }

    private List<EventEnvelope> conversation(String partner) {
        int kind = random.nextInt(10);
        return kind < 5 ? call(partner) : kind < 8 ? chat(partner) : statusChanges(partner);
    }

    private List<EventEnvelope> directory(String partner) {
        List<EventEnvelope> events = new ArrayList<>();
        for (long team = 1; team <= 6; team++) {
            events.add(envelope(partner, DirectoryEvents.TEAM, team, new TeamCreated(team, "Team " + team,
                    team == 1 ? null : 1L, clock)));
        }
        for (long menu = 1; menu <= 8; menu++) {
            events.add(envelope(partner, DirectoryEvents.MENU, menu, new MenuCreated(menu, "Menu " + menu,
                    menu <= 5 ? "voice" : "chat", "ivr_menu", menu == 1 ? null : 1L, List.of(1 + menu % 6), null, clock)));
        }
        for (long agent = 1; agent <= AGENTS_PER_PARTNER; agent++) {
            events.add(envelope(partner, DirectoryEvents.AGENT, agent, new AgentCreated(agent, "Agent " + agent,
                    "Agent", "No" + agent, "agent" + agent + "@" + partner + ".test", null, List.of("agent"),
                    List.of(1 + agent % 6), clock)));
            events.add(envelope(partner, DirectoryEvents.AGENT, agent, new AgentUpdated(agent,
                    List.of(new FieldChange("last_name", "No" + agent, "Number " + agent)), "Agent " + agent, "Agent",
                    "Number " + agent, "agent" + agent + "@" + partner + ".test", null, List.of("agent"),
                    List.of(1 + agent % 6), 1L, clock)));
        }
        return events;
    }

    private List<EventEnvelope> call(String partner) {
        long id = ++nextId;
        Instant t = tick();
        long agent = 1 + random.nextInt(AGENTS_PER_PARTNER);
        List<EventEnvelope> events = new ArrayList<>();
        EventSink add = data -> events.add(envelope(partner, CallEvents.AGGREGATE_TYPE, id, data));
        add.accept(new CallCreated(id, "Voice Inbound (IVR)", "selecting", 1L, "en", "+1555" + id, null, null, null,
                "iuid-" + id, "not_asked", null, t));
        add.accept(new ParticipantJoined(id, id * 10 + 1, "end_user", null, id, "+1555" + id, t));
        Instant queued = t.plusSeconds(10 + random.nextInt(30));
        add.accept(new CallQueued(id, 2L + random.nextInt(4), queued));
        if (random.nextInt(10) == 0) {
            Instant end = queued.plusSeconds(20 + random.nextInt(120));
            add.accept(new CallEnded(id, "abandoned", "end_user", null, Duration.between(t, end).toMillis(), 0, end));
            add.accept(new ParticipantLeft(id, id * 10 + 1, end));
            return events;
        }
        Instant ringing = queued.plusSeconds(5 + random.nextInt(60));
        add.accept(new CallConnecting(id, agent, ringing));
        Instant connected = ringing.plusSeconds(2 + random.nextInt(10));
        add.accept(new CallConnected(id, agent, connected));
        add.accept(new ParticipantJoined(id, id * 10 + 2, "agent", agent, null, null, connected));
        Instant now = connected.plusSeconds(30 + random.nextInt(200));
        long hold = 0;
        if (random.nextBoolean()) {
            add.accept(new CallHeld(id, now));
            long held = 10_000 + random.nextInt(60_000);
            hold += held;
            now = now.plusMillis(held);
            add.accept(new CallResumed(id, now, hold));
        }
        if (random.nextInt(4) == 0) {
            long second = 1 + (agent % AGENTS_PER_PARTNER);
            add.accept(new TransferStarted(id, id * 10, "agent", agent, second, null, null, now));
            now = now.plusSeconds(5 + random.nextInt(20));
            add.accept(new ParticipantJoined(id, id * 10 + 3, "agent", second, null, null, now));
            now = now.plusSeconds(10);
            add.accept(new ParticipantLeft(id, id * 10 + 2, now));
        }
        Instant end = now.plusSeconds(20 + random.nextInt(300));
        add.accept(new CallEnded(id, "finished", "end_user", null, Duration.between(connected, end).toMillis(), hold,
                end));
        add.accept(new ParticipantLeft(id, id * 10 + 1, end));
        return events;
    }

    private List<EventEnvelope> chat(String partner) {
        long id = ++nextId;
        Instant t = tick();
        long agent = 1 + random.nextInt(AGENTS_PER_PARTNER);
        List<EventEnvelope> events = new ArrayList<>();
        EventSink add = data -> events.add(envelope(partner, ChatEvents.AGGREGATE_TYPE, id, data));
        add.accept(new ChatCreated(id, "queued", 6L + random.nextInt(3), "en",
                new ChatEvents.EndUser(id, "cust-" + id, null, null, null), null, Map.of(), List.of(), List.of(), t,
                null));
        add.accept(new MessageSent(id, 1, 0, "end_user", String.valueOf(id), null, "text", "Hello, I need help",
                Map.of(), t.plusSeconds(1), null));
        Instant assigned = t.plusSeconds(5 + random.nextInt(60));
        add.accept(new ChatAssigned(id, "agent", agent, "Agent " + agent, 1, "router", assigned, 1));
        add.accept(new ChatStatusChanged(id, "queued", "assigned", null, null, assigned));
        Instant now = assigned;
        int messages = 2 + random.nextInt(8);
        for (int m = 2; m <= messages; m++) {
            now = now.plusSeconds(5 + random.nextInt(40));
            boolean fromAgent = m % 2 == 0;
            add.accept(new MessageSent(id, m, 1, fromAgent ? "agent" : "end_user",
                    String.valueOf(fromAgent ? agent : id), fromAgent ? "Agent " + agent : null, "text",
                    "message " + m, Map.of(), now, null));
        }
        Instant end = now.plusSeconds(30);
        add.accept(new ChatStatusChanged(id, "assigned", "finished", null, agent, end));
        add.accept(new ChatFinished(id, "finished", "agent_finished", agent, end));
        return events;
    }

    private List<EventEnvelope> statusChanges(String partner) {
        long agent = 1 + random.nextInt(AGENTS_PER_PARTNER);
        List<EventEnvelope> events = new ArrayList<>();
        String previous = null;
        Instant t = tick();
        for (String status : List.of("Available", "Break", "Available", "Lunch", "Available")) {
            events.add(envelope(partner, DirectoryEvents.AGENT, agent,
                    new AgentStatusChanged(agent, previous, status, "Break".equals(status) ? "coffee" : null, t)));
            previous = status;
            t = t.plusSeconds(60 + random.nextInt(900));
        }
        return events;
    }

    private Instant tick() {
        clock = clock.plusMillis(random.nextInt(200));
        return clock;
    }

    private EventEnvelope envelope(String partner, String aggregateType, long id, DomainEvent data) {
        long sequence = sequences.merge(partner + "/" + TestEnvelopes.key(aggregateType, id), 1L, Long::sum);
        // Event ids as the event store makes them (UUIDv7, time-ordered), not random v4 ids: the
        // applied-events index sees the same insert pattern as in production.
        return TestEnvelopes.of(data).eventId(io.switchboard.eventstore.Uuids.v7()).partner(partner)
                .aggregate(aggregateType, id).sequence(sequence).at(clock).build();
    }

    private interface EventSink extends Consumer<DomainEvent> {
    }
}
