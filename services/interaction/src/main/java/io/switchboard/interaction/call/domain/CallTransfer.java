package io.switchboard.interaction.call.domain;

import java.time.Instant;

/** A transfer of a call to an agent, a team or an external number ({@code targetType}). */
public record CallTransfer(long id, String targetType, Long fromAgentId, Long toAgentId, Long toTeamId, String toNumber,
                           Instant createdAt) {
}
