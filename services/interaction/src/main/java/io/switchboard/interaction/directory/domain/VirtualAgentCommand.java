package io.switchboard.interaction.directory.domain;

import java.time.Instant;

public sealed interface VirtualAgentCommand {
    record CreateVirtualAgent(long virtualAgentId, String name, String avatarUrl, Instant now) implements VirtualAgentCommand {
    }

    record UpdateVirtualAgent(Patch<String> name, Patch<String> avatarUrl, Long byUserId, Instant now)
            implements VirtualAgentCommand {
    }

    record DeactivateVirtualAgent(Long byUserId, Instant now) implements VirtualAgentCommand {
    }
}
