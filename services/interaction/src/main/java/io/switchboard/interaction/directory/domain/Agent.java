package io.switchboard.interaction.directory.domain;

import java.time.Instant;
import java.util.List;

/** An agent as its stream tells it; {@link #NONE} before it was created. */
public record Agent(long id, String name, String firstName, String lastName, String email, String avatarUrl,
                    List<String> roles, List<Long> teamIds, boolean active, Instant createdAt, Instant updatedAt) {
    public static final Agent NONE = new Agent(0, null, null, null, null, null, List.of(), List.of(), false, null, null);

    public Agent {
        roles = List.copyOf(roles);
        teamIds = List.copyOf(teamIds);
    }

    public boolean exists() {
        return createdAt != null;
    }

    public String status() {
        return active ? "active" : "inactive";
    }
}
