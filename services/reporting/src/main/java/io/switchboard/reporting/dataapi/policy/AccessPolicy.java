package io.switchboard.reporting.dataapi.policy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A partner's access policy: a named set of actions, with the roles it is assigned to. */
public record AccessPolicy(UUID id, String name, String description, List<String> actions, List<String> roles,
                           Instant createdAt, Instant updatedAt) {
}
