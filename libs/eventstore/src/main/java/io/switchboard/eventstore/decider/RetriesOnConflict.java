package io.switchboard.eventstore.decider;

/**
 * Marks a command that may be decided again on fresh state after losing a concurrency race, because
 * its outcome does not depend on what the caller saw (e.g. "append a message", "set status to X").
 * Commands without it fail with 409 on a conflict, so a client never silently overwrites a change it
 * has not seen.
 */
public interface RetriesOnConflict {
}
