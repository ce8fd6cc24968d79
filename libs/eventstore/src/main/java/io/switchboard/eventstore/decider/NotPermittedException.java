package io.switchboard.eventstore.decider;

/**
 * The caller may not do this (HTTP 403): e.g. an agent acting as another agent, or releasing a claim
 * that is not theirs. {@code field} names the request field that asked for it (JSON name), or is null.
 */
public class NotPermittedException extends CommandRejectedException {
    private final String field;

    public NotPermittedException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
