package io.switchboard.interaction.routing.domain;

import java.util.List;

/** A menu's routing: the teams that serve it and the virtual agent that answers its chats first, if any. */
public record MenuRoute(long menuId, boolean active, List<Long> teamIds, Long virtualAgentId) {
    public MenuRoute {
        teamIds = List.copyOf(teamIds);
    }
}
