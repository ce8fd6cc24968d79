package io.switchboard.reporting.directory;

import java.util.List;

/** A team with the agents in it ("Team With Assignees", docs/api/manager.md#team-object). */
public record Team(long id, String name, Long parentId, boolean deleted, int agentsCount,
                   List<UserRef.UserReference> assignees) {
}
