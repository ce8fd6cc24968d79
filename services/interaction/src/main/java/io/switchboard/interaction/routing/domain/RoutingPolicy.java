package io.switchboard.interaction.routing.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who gets what. Work is served oldest first. A new chat whose menu has an active virtual agent goes
 * to that virtual agent; everything else goes to the free agent who has been idle longest (ties: the
 * lower agent id) among the members of the menu's active teams. A person gets one piece of work at a
 * time; work that finds nobody stays pending (and is decided again when something changes). Work of
 * an unknown or deactivated menu, and a new chat whose virtual agent is not known yet, wait too.
 */
public final class RoutingPolicy {
    private static final Comparator<PendingWork> OLDEST_FIRST = Comparator.comparing(PendingWork::queuedAt)
            .thenComparing(PendingWork::kind).thenComparingLong(PendingWork::workId);
    private static final Comparator<AgentCandidate> LONGEST_IDLE = Comparator.comparing(AgentCandidate::idleSince)
            .thenComparingLong(AgentCandidate::agentId);

    private RoutingPolicy() {
    }

    public static List<Assignment> assign(List<PendingWork> pending, RoutingSnapshot snapshot) {
        List<AgentCandidate> free = new ArrayList<>(snapshot.agents().stream().filter(AgentCandidate::free)
                .sorted(LONGEST_IDLE).toList());
        List<Assignment> decisions = new ArrayList<>();
        for (PendingWork work : pending.stream().sorted(OLDEST_FIRST).toList()) {
            decide(work, snapshot, free).ifPresent(assignment -> {
                decisions.add(assignment);
                free.removeIf(agent -> assignment.assigneeType() == AssigneeType.AGENT
                        && agent.agentId() == assignment.assigneeId());
            });
        }
        return decisions;
    }

    private static Optional<Assignment> decide(PendingWork work, RoutingSnapshot snapshot, List<AgentCandidate> free) {
        MenuRoute menu = work.menuId() == null ? null : snapshot.menus().get(work.menuId());
        if (menu == null || !menu.active()) {
            return Optional.empty();
        }
        if (!work.humanOnly() && menu.virtualAgentId() != null) {
            VirtualAgent bot = snapshot.virtualAgents().get(menu.virtualAgentId());
            if (bot == null) {
                // Its creation is still on the way; deciding for a person now would skip the bot for good.
                return Optional.empty();
            }
            if (bot.active()) {
                return Optional.of(new Assignment(work, AssigneeType.VIRTUAL_AGENT, bot.virtualAgentId(), bot.name(), null));
            }
        }
        Set<Long> serving = new HashSet<>(menu.teamIds());
        serving.removeAll(snapshot.inactiveTeamIds());
        // free is sorted longest idle first, so the first member found is the one.
        for (AgentCandidate agent : free) {
            Optional<Long> team = agent.teamIds().stream().filter(serving::contains).min(Long::compare);
            if (team.isPresent()) {
                return Optional.of(new Assignment(work, AssigneeType.AGENT, agent.agentId(), agent.name(), team.get()));
            }
        }
        return Optional.empty();
    }
}
