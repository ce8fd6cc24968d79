package io.switchboard.reporting.directory;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A reference to an agent inside another object (user reference, docs/api/manager.md#user-reference):
 * the agent's names, or only its id while the read side has not seen the agent yet.
 */
@Schema(oneOf = {UserRef.UserReference.class, UserRef.UserIdReference.class})
public sealed interface UserRef permits UserRef.UserReference, UserRef.UserIdReference {

    long id();

    /** An agent the read side knows. */
    record UserReference(long id, String name, String firstName, String lastName, String agentNumber,
                         String avatarUrl) implements UserRef {
    }

    /** An agent not projected yet: just its id. */
    record UserIdReference(long id) implements UserRef {
    }
}
