package io.switchboard.interaction.directory.domain;

import java.time.Instant;

/** A bot that answers chats before (or instead of) a human agent. */
public record VirtualAgent(long id, String name, boolean active, Instant createdAt, Instant updatedAt) {
    public static final VirtualAgent NONE = new VirtualAgent(0, null, false, null, null);

    public boolean exists() {
        return createdAt != null;
    }

    public String status() {
        return active ? "active" : "inactive";
    }
}
