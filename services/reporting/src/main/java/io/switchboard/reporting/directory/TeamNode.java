package io.switchboard.reporting.directory;

import java.util.List;

/** A node of {@code GET /teams/tree}: the team without assignees, with its sub-teams. */
public record TeamNode(long id, String name, Long parentId, boolean deleted, int agentsCount, List<TeamNode> children) {
}
