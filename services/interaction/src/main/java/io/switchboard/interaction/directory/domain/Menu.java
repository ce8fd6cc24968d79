package io.switchboard.interaction.directory.domain;

import java.time.Instant;
import java.util.List;

/** A queue or IVR entry calls ({@code voice}) or chats ({@code chat}) are routed by. */
public record Menu(long id, String name, String channel, String menuType, Long parentId, List<Long> teamIds,
                   Long virtualAgentId, boolean active, Instant createdAt, Instant updatedAt) {
    public static final Menu NONE = new Menu(0, null, null, null, null, List.of(), null, false, null, null);

    public Menu {
        teamIds = List.copyOf(teamIds);
    }

    public boolean exists() {
        return createdAt != null;
    }

    public String status() {
        return active ? "active" : "inactive";
    }
}
