package io.switchboard.interaction.directory.domain;

import java.time.Instant;
import java.util.List;

/**
 * What can be asked of a team. {@code parentKnown} says whether the named parent is an active team of
 * the partner; {@code parentAncestors} is the chain above the new parent (parent's parent first), so
 * the decider can refuse a cycle without I/O.
 */
public sealed interface TeamCommand {
    record CreateTeam(long teamId, String name, Long parentId, boolean parentKnown, Instant now) implements TeamCommand {
    }

    record UpdateTeam(Patch<String> name, Patch<Long> parentId, boolean parentKnown, List<Long> parentAncestors,
                      Long byUserId, Instant now) implements TeamCommand {
    }

    record DeactivateTeam(Long byUserId, Instant now) implements TeamCommand {
    }
}
