package io.switchboard.interaction.directory.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What can be asked of a menu. The store looks up what the decider cannot: which named teams are active
 * teams of the partner, whether the parent menu and the virtual agent exist, and the chain above the
 * new parent (to refuse cycles).
 */
public sealed interface MenuCommand {
    record CreateMenu(long menuId, String name, String channel, String menuType, Long parentId, List<Long> teamIds,
                      Long virtualAgentId, References references, Instant now) implements MenuCommand {
    }

    record UpdateMenu(Patch<String> name, Patch<String> channel, Patch<String> menuType, Patch<Long> parentId,
                      Patch<List<Long>> teamIds, Patch<Long> virtualAgentId, References references, Long byUserId,
                      Instant now) implements MenuCommand {
    }

    record DeactivateMenu(Long byUserId, Instant now) implements MenuCommand {
    }

    /** What exists among the ids a command names. */
    record References(Set<Long> knownTeams, boolean parentKnown, List<Long> parentAncestors, boolean virtualAgentKnown) {
        public static final References NONE = new References(Set.of(), false, List.of(), false);
    }
}
