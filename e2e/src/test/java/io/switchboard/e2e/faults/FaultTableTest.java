package io.switchboard.e2e.faults;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The fault suite's arithmetic, without a stack: what counts as lost, duplicated, a phantom, a missing 2xx write. */
class FaultTableTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Ledger.Stream CALL = new Ledger.Stream("p1", "call", "call-7");
    private static final Ledger.Stream AGENT = new Ledger.Stream("p1", "agent", "agent-3");
    private static final Ledger.Stream CHAT = new Ledger.Stream("p1", "chat", "chat-9");

    private static Ledger.Stored stored(String store, long position, Ledger.Stream stream, long sequence, String type,
                                        UUID causation, ReadModel... models) {
        return new Ledger.Stored(store, position, UUID.randomUUID(), stream, sequence, type, causation, List.of(models));
    }

    private static Ledger.Applied applied(Object... modelStreamFromTo) {
        Map<ReadModel, Map<Ledger.Stream, List<long[]>>> ranges = new EnumMap<>(ReadModel.class);
        for (int i = 0; i < modelStreamFromTo.length; i += 4) {
            ranges.computeIfAbsent((ReadModel) modelStreamFromTo[i], m -> new HashMap<>())
                    .computeIfAbsent((Ledger.Stream) modelStreamFromTo[i + 1], s -> new ArrayList<>())
                    .add(new long[]{(Long) modelStreamFromTo[i + 2], (Long) modelStreamFromTo[i + 3]});
        }
        return new Ledger.Applied(ranges);
    }

    private static FaultTable.Segment segment(String fault, long from, Long to) {
        Map<String, Long> fromHeads = Map.of("chat", from, "interaction", from, "media", from, "redaction", from);
        Map<String, Long> toHeads = to == null ? null : Map.of("chat", to, "interaction", to, "media", to, "redaction", to);
        return new FaultTable.Segment(fault, T0.plusSeconds(from), T0.plusSeconds(to == null ? 1000 : to), fromHeads, toHeads,
                Duration.ofSeconds(5), Duration.ofSeconds(9));
    }

    @Test
    void anEventARead_modelAppliesButHasNotRecordedIsLostInTheSegmentThatStoredIt() {
        List<Ledger.Stored> events = List.of(
                stored("interaction", 1, CALL, 1, "CallCreated", null, ReadModel.REPORTING),
                stored("interaction", 2, CALL, 2, "CallQueued", null, ReadModel.REPORTING, ReadModel.ROUTING),
                stored("interaction", 11, CALL, 3, "CallConnected", null, ReadModel.REPORTING, ReadModel.ROUTING));
        // Reporting has all three; routing has position 2 but not 3.
        Ledger.Applied applied = applied(ReadModel.REPORTING, CALL, 1L, 4L, ReadModel.ROUTING, CALL, 2L, 3L);

        List<FaultTable.Row> rows = FaultTable.rows(List.of(segment("warm-up", 0, 10L), segment("kafka", 10, null)), events,
                applied, Map.of(), Map.of(), List.of(), new ArrayList<>());

        assertThat(rows.get(0).written()).isEqualTo(2);
        assertThat(rows.get(0).lost()).isZero();
        assertThat(rows.get(1).lost()).isEqualTo(1);
        assertThat(rows.get(1).appliedOfRelevant().get(ReadModel.ROUTING)).containsExactly(0, 1);
        assertThat(Ledger.missingByReadModel(events, applied)).containsExactly(Map.entry("routing<-interaction", 1L));
        assertThat(FaultTable.phantoms(events, applied)).containsEntry(ReadModel.REPORTING, 0L).containsEntry(ReadModel.ROUTING, 0L);
    }

    @Test
    void aPositionAppliedThatNoStoredEventHasIsAPhantom() {
        List<Ledger.Stored> events = List.of(stored("interaction", 1, CALL, 1, "CallCreated", null, ReadModel.REPORTING));
        Ledger.Applied applied = applied(ReadModel.REPORTING, CALL, 1L, 3L);

        assertThat(FaultTable.phantoms(events, applied)).containsEntry(ReadModel.REPORTING, 1L);
    }

    @Test
    void anEffectStoredTwiceForOneCauseAndAMessageCountedTwiceAreDuplicates() {
        UUID cause = UUID.randomUUID();
        List<Ledger.Stored> events = List.of(
                stored("interaction", 1, AGENT, 1, "AgentWorkStarted", cause),
                stored("interaction", 2, AGENT, 2, "AgentWorkStarted", cause),
                stored("interaction", 3, AGENT, 3, "AgentWorkEnded", cause),
                stored("chat", 4, CHAT, 1, "MessageSent", null),
                stored("chat", 5, CHAT, 2, "MessageSent", null));
        List<String> examples = new ArrayList<>();

        List<FaultTable.Row> rows = FaultTable.rows(List.of(segment("chat", 0, null)), events, applied(), Map.of(),
                Map.of(9L, 3), List.of(), examples);

        assertThat(rows.get(0).duplicated()).as("the second AgentWorkStarted, and one message too many").isEqualTo(2);
        assertThat(examples).hasSize(2);
    }

    @Test
    void redeliveriesAreCountedAndAnEventNeverOnItsTopicIsShown() {
        Ledger.Stored twice = stored("chat", 1, CHAT, 1, "ChatCreated", null, ReadModel.REPORTING);
        Ledger.Stored never = stored("chat", 2, CHAT, 2, "MessageSent", null, ReadModel.REPORTING);

        List<FaultTable.Row> rows = FaultTable.rows(List.of(segment("connect", 0, null)), List.of(twice, never),
                applied(ReadModel.REPORTING, CHAT, 1L, 3L), Map.of(twice.eventId(), 2), Map.of(), List.of(), new ArrayList<>());

        assertThat(rows.get(0).redelivered()).isEqualTo(1);
        assertThat(rows.get(0).notOnTopics()).isEqualTo(1);
    }

    @Test
    void aCommandAnswered2xxWhoseEventIsNotStoredIsMissing() {
        List<Load.Attempt> attempts = List.of(
                new Load.Attempt("call.hold", "p1", "POST", "interaction /apps/api/v1/calls/7/events/hold", 200, "{\"id\":7}", T0, null),
                new Load.Attempt("call.resume", "p1", "POST", "interaction /apps/api/v1/calls/7/events/resume", 200, "{\"id\":7}", T0, null),
                new Load.Attempt("call.hold", "p1", "POST", "interaction /apps/api/v1/calls/7/events/hold", -1, null, T0, "refused"),
                new Load.Attempt("chat.create", "p1", "POST", "chat /apps/api/v1/chats", 201, "{\"id\":9,\"menu\":{\"id\":1}}", T0, null),
                new Load.Attempt("agent.status", "p1", "PUT", "interaction /manager/api/v1/agents/me/status", 503, "{}", T0, null),
                new Load.Attempt("chat.read", "p1", "GET", "chat /apps/api/v1/chats/9", 200, "{}", T0, null));
        List<Ledger.Stored> events = List.of(
                stored("interaction", 1, CALL, 4, "CallHeld", null),
                stored("chat", 2, CHAT, 1, "ChatCreated", null));

        CommandAudit.Writes writes = CommandAudit.writes(attempts, events, T0, T0.plusSeconds(1));
        CommandAudit.Outcomes outcomes = CommandAudit.outcomes(attempts, T0, T0.plusSeconds(1));

        assertThat(writes.acknowledged()).isEqualTo(3);
        assertThat(writes.missing()).as("the resume answered 200 has no CallResumed").isEqualTo(1);
        assertThat(writes.examples()).singleElement().asString().contains("call-7 CallResumed");
        assertThat(outcomes).isEqualTo(new CommandAudit.Outcomes(3, 0, 1, 1, 1));
        assertThat(CommandAudit.expectedEvent(attempts.get(3))).isEqualTo("chat-9 ChatCreated");
    }
}
