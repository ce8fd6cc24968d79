package io.switchboard.bench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AgentShiftTest {
    private final FakeSim sim = new FakeSim();
    private final Partner partner = FakeSim.partner(1, 1);
    private final Agent voice = partner.agents().get(0);
    private final Agent chat = partner.agents().get(1);

    private Command send(Script script) {
        while (true) {
            Script.Step step = script.next(sim);
            if (step instanceof Script.Send send) {
                return send.command();
            }
            assertThat(step).isInstanceOf(Script.Sleep.class);
            sim.now = Math.max(sim.now + 1, ((Script.Sleep) step).untilNanos());
        }
    }

    @Test
    void anAgentLogsInWithItsOwnTokenTakesABreakWhenFreeAndLogsOut() {
        AgentShift shift = new AgentShift(partner, voice);
        Command login = send(shift);
        assertThat(login.path()).isEqualTo("/manager/api/v1/agents/me/status");
        assertThat(login.method()).isEqualTo("PUT");
        assertThat(Json.read(login.body())).isEqualTo(Json.read("{\"status\":\"available\"}"));
        assertThat(login.as()).isSameAs(voice.credential());
        shift.answered(login, FakeSim.answer(200, "{}"), sim);
        assertThat(partner.freeVoiceAgents).containsExactly(voice);

        Command onBreak = send(shift); // after the exponential gap
        assertThat(onBreak.body()).contains("\"status\":\"unavailable\"", "\"reason\":\"break\"");
        assertThat(partner.freeVoiceAgents).as("no call rings an agent on a break").isEmpty();
        shift.answered(onBreak, FakeSim.answer(200, "{}"), sim);
        Command back = send(shift);
        assertThat(back.body()).isEqualTo("{\"status\":\"available\"}");
        shift.answered(back, FakeSim.answer(200, "{}"), sim);
        assertThat(partner.freeVoiceAgents).containsExactly(voice);

        sim.windingDown = true;
        Command logout = send(shift);
        assertThat(logout.body()).isEqualTo("{\"status\":\"offline\"}");
        shift.answered(logout, FakeSim.answer(200, "{}"), sim);
        assertThat(shift.done()).isTrue();
        assertThat(sim.expectations.agents()).containsExactly(new Expectations.AgentStatus("p1", voice.id(), "offline"));
    }

    @Test
    void anAgentOnACallWaitsForItsEndBeforeABreakOrLoggingOut() {
        AgentShift shift = new AgentShift(partner, voice);
        Command login = send(shift);
        shift.answered(login, FakeSim.answer(200, "{}"), sim);
        partner.freeVoiceAgents.clear(); // a call took the agent
        sim.windingDown = true;
        for (int i = 0; i < 50; i++) {
            assertThat(shift.next(sim)).isInstanceOf(Script.Sleep.class);
            sim.advanceMillis(100);
        }
        partner.freeVoiceAgents.addLast(voice); // the call ended
        assertThat(send(shift).body()).isEqualTo("{\"status\":\"offline\"}");
        assertThat(partner.freeVoiceAgents).isEmpty();
    }

    @Test
    void aStatusTheServiceRefusesWhileTheAgentIsStillOnAChatIsTriedAgainLater() {
        AgentShift shift = new AgentShift(partner, chat);
        shift.answered(send(shift), FakeSim.answer(200, "{}"), sim);
        sim.windingDown = true;
        Command logout = send(shift);
        long refusedAt = sim.now;
        shift.answered(logout, FakeSim.answer(409, "{\"detail\": \"(current status: in_chat)\"}"), sim);
        assertThat(shift.next(sim)).isEqualTo(new Script.Sleep(refusedAt + 1_000_000_000L));
        sim.now = refusedAt + 1_000_000_000L;
        Command again = send(shift);
        assertThat(again.body()).isEqualTo("{\"status\":\"offline\"}");
        long refusedAgainAt = sim.now;
        shift.answered(again, FakeSim.answer(409, "{\"detail\": \"(current status: in_chat)\"}"), sim);
        assertThat(shift.next(sim)).as("then 2 s").isEqualTo(new Script.Sleep(refusedAgainAt + 2_000_000_000L));
        sim.now = refusedAgainAt + 2_000_000_000L;
        again = send(shift);
        shift.answered(again, FakeSim.answer(200, "{}"), sim);
        assertThat(sim.expectations.agents()).extracting(Expectations.AgentStatus::status).containsExactly("offline");
    }

    @Test
    void chatAgentsLogOutOnlyOnceThePartnersChatsAreOver() {
        AgentShift shift = new AgentShift(partner, chat);
        shift.answered(send(shift), FakeSim.answer(200, "{}"), sim);
        partner.activeChats = 1;
        sim.windingDown = true;
        assertThat(shift.next(sim)).isInstanceOf(Script.Sleep.class);
        partner.activeChats = 0;
        assertThat(send(shift).body()).isEqualTo("{\"status\":\"offline\"}");
    }
}
