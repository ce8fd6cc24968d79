package io.switchboard.eventstore.decider;

/** The command is valid but not in the aggregate's current status (HTTP 409); the status is named. */
public class IllegalTransitionException extends CommandRejectedException {
    private final String currentStatus;

    public IllegalTransitionException(String currentStatus, String message) {
        super(message + " (current status: " + currentStatus + ")");
        this.currentStatus = currentStatus;
    }

    public String currentStatus() {
        return currentStatus;
    }
}
