package io.switchboard.interaction.directory.domain;

import io.switchboard.events.interaction.DirectoryEvents.OrganizationUpdated;

import java.time.Instant;

/**
 * A partner's organization settings. A partner that never set them has the defaults: its id as the
 * name, {@code UTC}, {@code en}; {@code updatedAt} is null until the first change.
 */
public record Organization(String partnerId, String name, String timeZone, String language, Instant updatedAt) {

    public static Organization defaults(String partnerId) {
        return new Organization(partnerId, partnerId, OrganizationUpdated.DEFAULT_TIME_ZONE,
                OrganizationUpdated.DEFAULT_LANGUAGE, null);
    }
}
