package io.switchboard.eventstore.decider;

/** A field of the command is invalid in itself (HTTP 400); {@code field} uses the API's JSON name. */
public class InvalidCommandException extends CommandRejectedException {
    private final String field;

    public InvalidCommandException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
