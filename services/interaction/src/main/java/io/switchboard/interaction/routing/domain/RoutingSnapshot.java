package io.switchboard.interaction.routing.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the router knows about one partner's people and menus at the moment of a decision. */
public record RoutingSnapshot(List<AgentCandidate> agents, Map<Long, MenuRoute> menus,
                              Map<Long, VirtualAgent> virtualAgents, Set<Long> inactiveTeamIds) {
    public RoutingSnapshot {
        agents = List.copyOf(agents);
        menus = Map.copyOf(menus);
        virtualAgents = Map.copyOf(virtualAgents);
        inactiveTeamIds = Set.copyOf(inactiveTeamIds);
    }
}
