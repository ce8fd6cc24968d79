package io.switchboard.interaction.directory.domain;

import java.time.Instant;

/** A bot that answers chats before (or instead of) a human agent; {@code avatarUrl} is optional. */
public record VirtualAgent(long id, String name, String avatarUrl, boolean active, Instant createdAt, Instant updatedAt) {
    public static final VirtualAgent NONE = new VirtualAgent(0, null, null, false, null, null);

    public boolean exists() {
        return createdAt != null;
    }

    public String status() {
        return active ? "active" : "inactive";
    }
}
