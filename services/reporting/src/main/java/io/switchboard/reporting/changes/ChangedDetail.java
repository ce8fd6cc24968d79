package io.switchboard.reporting.changes;

import java.time.Instant;

/**
 * One changed field of an entity (the "Changed Detail" family, our design: docs/api/manager.md#changed-details):
 * {@code entityType} {@code agent}, {@code team}, {@code menu}, {@code virtual_agent}, {@code chat} or
 * {@code call}; former and new value as text; {@code changedBy} the user who changed it, when known.
 */
public record ChangedDetail(long id, String entityType, long entityId, String field, String formerValue,
                            String newValue, Instant changedAt, Long changedBy) {
}
