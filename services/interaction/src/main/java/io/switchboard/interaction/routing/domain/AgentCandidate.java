package io.switchboard.interaction.routing.domain;

import java.time.Instant;
import java.util.Set;

/**
 * An agent as routing needs to know them. {@code available} means the agent's status is
 * {@code available}; {@code reserved} means work was routed to them and their status has not changed
 * since; {@code idleSince} is when they last became available; {@code teamIds} are the teams they
 * are currently a member of.
 */
public record AgentCandidate(long agentId, String name, boolean active, boolean available, boolean reserved,
                             Instant idleSince, Set<Long> teamIds) {
    public AgentCandidate {
        teamIds = Set.copyOf(teamIds);
    }

    /** Can take one piece of work right now. */
    public boolean free() {
        return active && available && !reserved && idleSince != null;
    }
}
