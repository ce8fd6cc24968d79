package io.switchboard.bench.load;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CallScriptTest {
    private static final String ENDED = """
            {"id": 7, "status": "finished", "connected_at": "2026-12-06T01:25:10.349Z", "hold_duration": 3,
             "agent_info": {"id": 102}, "transfers": [{"id": 1}],
             "participants": [{"id": 1, "connected_at": "2026-12-06T01:25:10.349Z"},
                              {"id": 2, "connected_at": "2026-12-06T01:25:10.349Z"},
                              {"id": 3, "connected_at": "2026-12-06T01:25:11.000Z"},
                              {"id": 4, "connected_at": "2026-12-06T01:25:12.000Z"}]}""";
    private FakeSim sim;
    private Partner partner;

    @BeforeEach
    void partner() {
        sim = new FakeSim();
        partner = FakeSim.partner(3, 0);
        partner.agents().stream().filter(Agent::voice).forEach(partner.freeVoiceAgents::addLast);
    }

    /** Runs the script, answering each command with 2xx (the create with id 7, the end with {@link #ENDED}). */
    private List<Command> runToEnd(CallScript script) {
        List<Command> sent = new ArrayList<>();
        while (true) {
            Script.Step step = script.next(sim);
            if (step instanceof Script.Done) {
                return sent;
            }
            if (step instanceof Script.Sleep sleep) {
                sim.now = Math.max(sim.now, sleep.untilNanos());
                continue;
            }
            Command command = ((Script.Send) step).command();
            sent.add(command);
            String kind = command.kind();
            script.answered(command, kind.equals("call.create") ? FakeSim.answer(201, "{\"id\": 7}")
                    : kind.equals("call.ended") ? FakeSim.answer(200, ENDED) : FakeSim.answer(200, "{}"), sim);
            sim.now = script.pauseAfterAnswer(sim).untilNanos();
        }
    }

    @Test
    void aCallGoesThroughIvrQueueRingingHoldTransferConferenceAndEnd() {
        CallScript script = new CallScript(partner, new CallScript.Plan(true, true, true));
        assertThat(partner.activeCalls).isEqualTo(1);

        List<Command> sent = runToEnd(script);

        assertThat(sent).extracting(Command::kind).containsExactly("call.create", "call.queued", "call.connecting",
                "call.connected", "call.hold", "call.resume", "call.transfer", "call.participant_joined",
                "call.participant_left", "call.participant_joined", "call.ended");
        assertThat(sent.get(0).path()).isEqualTo("/apps/api/v1/calls");
        assertThat(sent.get(0).body()).contains("\"call_type\":\"Voice Inbound (IVR)\"", "\"menu_id\":21");
        assertThat(sent.get(1).path()).isEqualTo("/apps/api/v1/calls/7/events/queued");
        assertThat(Json.read(sent.get(2).body())).isEqualTo(Json.read("{\"agent_id\":101}"));
        assertThat(Json.read(sent.get(6).body())).isEqualTo(Json.read("{\"target_type\":\"agent\",\"to_agent_id\":102}"));
        assertThat(Json.read(sent.get(7).body())).isEqualTo(Json.read("{\"participant_type\":\"agent\",\"user_id\":102}"));
        assertThat(Json.read(sent.get(8).body())).isEqualTo(Json.read("{\"user_id\":101}"));
        assertThat(sent.get(9).body()).contains("\"participant_type\":\"third_party\"");
        // on the call at the end: the caller, the second agent and the third party; one agent
        assertThat(sent.get(10).expectedEvents()).isEqualTo(3 + 1 + 2);
        assertThat(sent).allSatisfy(c -> assertThat(c.as().username()).startsWith("sys"));

        assertThat(sim.expectations.calls()).containsExactly(new Expectations.Call("p1", 7, "finished", 4, 1, 3, 102L));
        assertThat(partner.freeVoiceAgents).extracting(Agent::id).containsExactlyInAnyOrder(101L, 102L, 103L);
        assertThat(partner.activeCalls).isZero();
    }

    @Test
    void aCallWithoutFreeAgentsIsAbandonedAfterThePatience() {
        partner.freeVoiceAgents.clear();
        CallScript script = new CallScript(partner, new CallScript.Plan(false, false, false));
        String unconnected = "{\"id\": 7, \"status\": \"failed\", \"connected_at\": null, \"hold_duration\": 0,"
                + " \"agent_info\": null, \"transfers\": [], \"participants\": [{\"id\": 1, \"connected_at\": null}]}";
        List<String> kinds = new ArrayList<>();
        while (true) {
            Script.Step step = script.next(sim);
            if (step instanceof Script.Done) {
                break;
            }
            if (step instanceof Script.Sleep sleep) {
                sim.now = sleep.untilNanos();
                continue;
            }
            Command command = ((Script.Send) step).command();
            kinds.add(command.kind());
            script.answered(command, switch (command.kind()) {
                case "call.create" -> FakeSim.answer(201, "{\"id\": 7}");
                case "call.ended" -> FakeSim.answer(200, unconnected);
                default -> FakeSim.answer(200, "{}");
            }, sim);
        }
        assertThat(kinds).containsExactly("call.create", "call.queued", "call.ended");
        assertThat(sim.expectations.calls()).containsExactly(new Expectations.Call("p1", 7, "failed", 0, 0, 0, null));
    }

    @Test
    void windingDownEndsAConnectedCallAtOnceAndFreesItsAgent() {
        CallScript script = new CallScript(partner, new CallScript.Plan(true, true, false));
        for (String expected : List.of("call.create", "call.queued", "call.connecting", "call.connected")) {
            Command command = ((Script.Send) nextSend(script)).command();
            assertThat(command.kind()).isEqualTo(expected);
            script.answered(command, command.kind().equals("call.create") ? FakeSim.answer(201, "{\"id\": 7}")
                    : FakeSim.answer(200, "{}"), sim);
        }
        assertThat(partner.freeVoiceAgents).extracting(Agent::id).containsExactly(102L, 103L);
        sim.windingDown = true;
        Command end = ((Script.Send) script.next(sim)).command();
        assertThat(end.kind()).isEqualTo("call.ended");
        script.answered(end, FakeSim.answer(200, ENDED), sim);
        assertThat(script.done()).isTrue();
        assertThat(partner.freeVoiceAgents).extracting(Agent::id).containsExactlyInAnyOrder(101L, 102L, 103L);
    }

    @Test
    void windingDownBetweenATransferAndTheJoinGivesBothAgentsBack() {
        CallScript script = new CallScript(partner, new CallScript.Plan(false, true, false));
        for (String expected : List.of("call.create", "call.queued", "call.connecting", "call.connected", "call.transfer")) {
            Command command = ((Script.Send) nextSend(script)).command();
            assertThat(command.kind()).isEqualTo(expected);
            script.answered(command, command.kind().equals("call.create") ? FakeSim.answer(201, "{\"id\": 7}")
                    : FakeSim.answer(200, "{}"), sim);
        }
        assertThat(partner.freeVoiceAgents).extracting(Agent::id).containsExactly(103L);
        sim.windingDown = true;
        Command end = ((Script.Send) script.next(sim)).command();
        assertThat(end.kind()).isEqualTo("call.ended");
        script.answered(end, FakeSim.answer(200, ENDED), sim);
        assertThat(partner.freeVoiceAgents).extracting(Agent::id).containsExactlyInAnyOrder(101L, 102L, 103L);
    }

    @Test
    void anEndRefusedAfterAnAttemptWithoutAnswerIsReadBackInsteadOfGuessed() {
        CallScript script = new CallScript(partner, new CallScript.Plan(false, false, false));
        for (String expected : List.of("call.create", "call.queued", "call.connecting", "call.connected")) {
            Command command = ((Script.Send) nextSend(script)).command();
            script.answered(command, command.kind().equals("call.create") ? FakeSim.answer(201, "{\"id\": 7}")
                    : FakeSim.answer(200, "{}"), sim);
        }
        Command end = ((Script.Send) nextSend(script)).command();
        script.answered(end, FakeSim.uncertainRetryAnswer(409, "{\"detail\": \"(current status: finished)\"}"), sim);
        Command read = ((Script.Send) nextSend(script)).command();
        assertThat(read.kind()).isEqualTo("call.read");
        assertThat(read.method()).isEqualTo("GET");
        assertThat(read.path()).isEqualTo("/apps/api/v1/calls/7");
        script.answered(read, FakeSim.answer(200, ENDED.replace("\"ends_at\"", "\"x\"").replace("{\"id\": 7,",
                "{\"id\": 7, \"ends_at\": \"2026-12-06T01:25:20.000Z\",")), sim);
        assertThat(script.done()).isTrue();
        assertThat(sim.expectations.calls()).hasSize(1);
        assertThat(sim.expectations.uncertain()).isEmpty();
    }

    @Test
    void aStepRefusedForAnotherReasonEndsTheCallAndSaysSo() {
        CallScript script = new CallScript(partner, new CallScript.Plan(true, false, false));
        Command create = ((Script.Send) nextSend(script)).command();
        script.answered(create, FakeSim.answer(201, "{\"id\": 7}"), sim);
        Command queued = ((Script.Send) nextSend(script)).command();
        script.answered(queued, FakeSim.answer(409, "{\"detail\": \"(current status: queued)\"}"), sim);
        assertThat(((Script.Send) nextSend(script)).command().kind()).isEqualTo("call.ended");
        assertThat(sim.expectations.uncertain()).singleElement().asString().contains("call 7", "409");
    }

    private Script.Step nextSend(Script script) {
        while (true) {
            Script.Step step = script.next(sim);
            if (!(step instanceof Script.Sleep sleep)) {
                return step;
            }
            sim.now = sleep.untilNanos();
        }
    }
}
