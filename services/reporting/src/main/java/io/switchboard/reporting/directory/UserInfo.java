package io.switchboard.reporting.directory;

import java.time.Instant;

/** The "User Info" family: the limited view of an agent (no status, no teams, no roles). */
public record UserInfo(long id, String name, String firstName, String lastName, String email, String avatarUrl,
                       String agentNumber, boolean deleted, Instant updatedAt) {
}
