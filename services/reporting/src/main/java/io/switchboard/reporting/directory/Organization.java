package io.switchboard.reporting.directory;

import java.time.Instant;

/** {@code GET /settings/organization}: the partner's settings ({@code updatedAt} null for the defaults). */
public record Organization(String id, String name, String subdomain, String timeZone, String language,
                           Instant updatedAt) {
}
