package io.switchboard.reporting.directory;

import java.util.List;

/**
 * A menu (docs/api/manager.md#menu-object): the basic fields, its channel, virtual agent and the teams
 * that serve it. {@code agentAssignments} is always empty: agents are assigned through teams.
 */
public record Menu(long id, String name, Long parentId, boolean deleted, boolean hidden, String menuType,
                   String outputMsg, String channel, Long virtualAgentId, List<Object> agentAssignments,
                   List<TeamAssignment> teamAssignments) {

    /** A team serving the menu: {@code channelType} {@code voice_call} or {@code chat}, always primary. */
    public record TeamAssignment(String channelType, String queueLevel, BasicTeam team) {
    }
}
