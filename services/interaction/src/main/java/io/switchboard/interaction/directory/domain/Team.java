package io.switchboard.interaction.directory.domain;

import java.time.Instant;

/** A team of the tree; {@code parentId} null for a root. */
public record Team(long id, String name, Long parentId, boolean active, Instant createdAt, Instant updatedAt) {
    public static final Team NONE = new Team(0, null, null, false, null, null);

    public boolean exists() {
        return createdAt != null;
    }

    public String status() {
        return active ? "active" : "inactive";
    }
}
