package io.switchboard.reporting.directory;

/** A team as other objects embed it (an agent's teams, a menu's team assignments). */
public record BasicTeam(long id, String name, Long parentId, boolean deleted, int agentsCount) {
}
