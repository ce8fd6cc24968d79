package io.switchboard.interaction.directory.domain;

import io.switchboard.eventstore.decider.RetriesOnConflict;

import java.time.Instant;

public sealed interface OrganizationCommand {
    /**
     * Sets the fields present in the request ({@code null} Patch: left as it is). Concurrent updates do
     * not conflict: each is decided again on the other's result (the last one wins, field by field).
     */
    record UpdateOrganization(Patch<String> name, Patch<String> timeZone, Patch<String> language, Long byUserId,
                              Instant now) implements OrganizationCommand, RetriesOnConflict {
    }
}
