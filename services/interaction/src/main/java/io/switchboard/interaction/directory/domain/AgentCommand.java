package io.switchboard.interaction.directory.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What can be asked of an agent. {@code knownTeams} are the ids of the partner's active teams among
 * those the command names (looked up by the store, since the decider does no I/O).
 */
public sealed interface AgentCommand {
    record CreateAgent(long agentId, String name, String firstName, String lastName, String email, String avatarUrl,
                       List<String> roles, List<Long> teamIds, Set<Long> knownTeams, Instant now)
            implements AgentCommand {
    }

    /** A null Patch leaves the field as it is. */
    record UpdateAgent(Patch<String> name, Patch<String> firstName, Patch<String> lastName, Patch<String> email,
                       Patch<String> avatarUrl, Patch<List<String>> roles, Patch<List<Long>> teamIds,
                       Set<Long> knownTeams, Long byUserId, Instant now) implements AgentCommand {
    }

    record JoinTeam(long teamId, Long byUserId, Instant now) implements AgentCommand {
    }

    record LeaveTeam(long teamId, Long byUserId, Instant now) implements AgentCommand {
    }

    record DeactivateAgent(Long byUserId, Instant now) implements AgentCommand {
    }
}
