package io.switchboard.reporting.calls;

import io.switchboard.reporting.directory.UserRef;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A transfer of a call (docs/api/manager.md#transfers): {@code connected} once its target connected,
 * {@code failed} if the call ended first, else {@code transferring}; {@code transferTime} in seconds with
 * millisecond precision.
 */
public record CallTransfer(long id, String status, String failReason, Instant createdAt, Instant connectedAt,
                           String targetType, UserRef fromAgent, UserRef toAgent, Long toTeamId, String toNumber,
                           BigDecimal transferTime) {
}
