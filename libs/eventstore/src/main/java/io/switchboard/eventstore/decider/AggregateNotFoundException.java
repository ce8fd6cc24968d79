package io.switchboard.eventstore.decider;

/** The command addresses an aggregate the caller's partner does not have (HTTP 404). */
public class AggregateNotFoundException extends CommandRejectedException {
    public AggregateNotFoundException(String type, String id) {
        super(type + " " + id + " not found");
    }
}
