package io.switchboard.reporting.directory;

import java.time.Instant;
import java.util.List;

/**
 * An agent (docs/api/manager.md#agent-object) with its current status and teams. Fields the events do
 * not carry ({@code last_login_time}, {@code call_count}, …) are left out rather than faked.
 */
public record Agent(long id, String email, Instant createdAt, Instant updatedAt, String name, String firstName,
                    String lastName, String avatarUrl, String agentNumber, List<String> roles, boolean deleted,
                    StatusRef status, Instant statusUpdatedAt, boolean online, boolean wrapUp, List<BasicTeam> teams) {
}
