package io.switchboard.interaction.routing.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Given agents, menus and waiting work, when the policy decides, then these assignments. */
class RoutingPolicyTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.000Z");
    private static final long MENU = 7;
    private static final long TEAM = 3;
    private static final long OTHER_TEAM = 4;
    private static final long BOT = 90;

    private final List<AgentCandidate> agents = new ArrayList<>();
    private final Map<Long, MenuRoute> menus = new HashMap<>(Map.of(MENU, new MenuRoute(MENU, true, List.of(TEAM), null)));
    private final Map<Long, VirtualAgent> bots = new HashMap<>();
    private Set<Long> inactiveTeams = Set.of();

    private void agent(long id, int idleSinceMinute, long... teams) {
        Set<Long> teamIds = new java.util.HashSet<>();
        for (long team : teams) {
            teamIds.add(team);
        }
        agents.add(new AgentCandidate(id, "agent " + id, true, true, false, T0.plusSeconds(60L * idleSinceMinute), teamIds));
    }

    private static PendingWork chat(long id, int queuedMinute) {
        return new PendingWork(WorkKind.CHAT, id, MENU, Trigger.CREATED, null, T0.plusSeconds(3600 + 60L * queuedMinute));
    }

    private static PendingWork call(long id, int queuedMinute) {
        return new PendingWork(WorkKind.CALL, id, MENU, Trigger.QUEUED, null, T0.plusSeconds(3600 + 60L * queuedMinute));
    }

    private List<Assignment> when(PendingWork... work) {
        return RoutingPolicy.assign(List.of(work), new RoutingSnapshot(agents, menus, bots, inactiveTeams));
    }

    private static Assignment toAgent(PendingWork work, long agentId) {
        return new Assignment(work, AssigneeType.AGENT, agentId, "agent " + agentId, TEAM);
    }

    @Test
    void theLongestIdleAgentGetsTheWork() {
        agent(1, 5, TEAM);
        agent(2, 1, TEAM);
        agent(3, 3, TEAM);

        assertThat(when(call(100, 0))).containsExactly(toAgent(call(100, 0), 2));
    }

    @Test
    void equallyIdleAgentsAreChosenByLowerId() {
        agent(9, 1, TEAM);
        agent(4, 1, TEAM);

        assertThat(when(chat(100, 0))).containsExactly(toAgent(chat(100, 0), 4));
    }

    @Test
    void onlyMembersOfTeamsServingTheMenuAreConsidered() {
        agent(1, 0, OTHER_TEAM);
        agent(2, 5, TEAM);

        assertThat(when(call(100, 0))).containsExactly(toAgent(call(100, 0), 2));
    }

    @Test
    void anAgentInSeveralTeamsIsRoutedThroughTheTeamServingTheMenu() {
        agent(1, 0, OTHER_TEAM, TEAM);

        assertThat(when(call(100, 0))).extracting(Assignment::teamId).containsExactly(TEAM);
    }

    @Test
    void deactivatedAgentsAreNotRouted() {
        agents.add(new AgentCandidate(1, "gone", false, true, false, T0, Set.of(TEAM)));
        agent(2, 5, TEAM);

        assertThat(when(call(100, 0))).containsExactly(toAgent(call(100, 0), 2));
    }

    @Test
    void unavailableOrReservedAgentsAreNotRouted() {
        agents.add(new AgentCandidate(1, "busy", true, false, false, null, Set.of(TEAM)));
        agents.add(new AgentCandidate(2, "reserved", true, true, true, T0, Set.of(TEAM)));

        assertThat(when(call(100, 0))).isEmpty();
    }

    @Test
    void membersOfADeactivatedTeamAreNotRoutedThroughIt() {
        agent(1, 0, TEAM);
        inactiveTeams = Set.of(TEAM);

        assertThat(when(call(100, 0))).isEmpty();
    }

    @Test
    void workOfADeactivatedOrUnknownMenuWaits() {
        agent(1, 0, TEAM);
        menus.put(MENU, new MenuRoute(MENU, false, List.of(TEAM), null));
        PendingWork unknownMenu = new PendingWork(WorkKind.CALL, 101, 999L, Trigger.QUEUED, null, T0);

        assertThat(when(call(100, 0), unknownMenu)).isEmpty();
    }

    @Test
    void nobodyAvailableMeansNoAssignment() {
        assertThat(when(chat(100, 0), call(101, 1))).isEmpty();
    }

    @Test
    void anAgentGetsOnePieceOfWorkAtATimeAndTheOldestWorkGoesFirst() {
        agent(1, 0, TEAM);
        agent(2, 1, TEAM);

        List<Assignment> decided = when(chat(100, 2), call(101, 0), chat(102, 1));

        assertThat(decided).containsExactly(toAgent(call(101, 0), 1), toAgent(chat(102, 1), 2));
    }

    @Test
    void aNewChatOfAMenuWithAVirtualAgentGoesToTheVirtualAgentFirst() {
        agent(1, 0, TEAM);
        menus.put(MENU, new MenuRoute(MENU, true, List.of(TEAM), BOT));
        bots.put(BOT, new VirtualAgent(BOT, "Botty", true));

        assertThat(when(chat(100, 0), chat(101, 1))).containsExactly(
                new Assignment(chat(100, 0), AssigneeType.VIRTUAL_AGENT, BOT, "Botty", null),
                new Assignment(chat(101, 1), AssigneeType.VIRTUAL_AGENT, BOT, "Botty", null));
    }

    @Test
    void anEscalationGoesToTheLongestIdleHumanEvenIfTheMenuHasAVirtualAgent() {
        agent(1, 2, TEAM);
        agent(2, 1, TEAM);
        menus.put(MENU, new MenuRoute(MENU, true, List.of(TEAM), BOT));
        bots.put(BOT, new VirtualAgent(BOT, "Botty", true));
        PendingWork escalation = new PendingWork(WorkKind.CHAT, 100, MENU, Trigger.ESCALATED, 5L, T0.plusSeconds(3600));

        assertThat(when(escalation)).containsExactly(toAgent(escalation, 2));
    }

    @Test
    void aReleasedChatGoesToAHuman() {
        agent(1, 0, TEAM);
        menus.put(MENU, new MenuRoute(MENU, true, List.of(TEAM), BOT));
        bots.put(BOT, new VirtualAgent(BOT, "Botty", true));
        PendingWork released = new PendingWork(WorkKind.CHAT, 100, MENU, Trigger.RELEASED, null, T0.plusSeconds(3600));

        assertThat(when(released)).containsExactly(toAgent(released, 1));
    }

    @Test
    void callsNeverGoToTheVirtualAgent() {
        agent(1, 0, TEAM);
        menus.put(MENU, new MenuRoute(MENU, true, List.of(TEAM), BOT));
        bots.put(BOT, new VirtualAgent(BOT, "Botty", true));

        assertThat(when(call(100, 0))).containsExactly(toAgent(call(100, 0), 1));
    }

    @Test
    void aDeactivatedVirtualAgentIsSkippedForHumans() {
        agent(1, 0, TEAM);
        menus.put(MENU, new MenuRoute(MENU, true, List.of(TEAM), BOT));
        bots.put(BOT, new VirtualAgent(BOT, "Botty", false));

        assertThat(when(chat(100, 0))).containsExactly(toAgent(chat(100, 0), 1));
    }

    @Test
    void aNewChatWaitsForAVirtualAgentNotKnownYet() {
        agent(1, 0, TEAM);
        menus.put(MENU, new MenuRoute(MENU, true, List.of(TEAM), BOT));

        assertThat(when(chat(100, 0))).isEmpty();
    }
}
