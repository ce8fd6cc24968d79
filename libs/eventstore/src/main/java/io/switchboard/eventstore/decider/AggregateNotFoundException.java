package io.switchboard.eventstore.decider;

/**
 * The command addresses an aggregate the caller's partner does not have (HTTP 404); the message names its
 * type and id. A decider knows its aggregate's type but not its id: it says {@code new
 * AggregateNotFoundException("chat")} and {@link AggregateRepository} names the id.
 */
public class AggregateNotFoundException extends CommandRejectedException {
    private final String type;
    private final String id;

    public AggregateNotFoundException(String type, String id) {
        super(type + " " + id + " not found");
        this.type = type;
        this.id = id;
    }

    /** This aggregate (its id is the caller's to add). */
    public AggregateNotFoundException(String type) {
        super(type + " not found");
        this.type = type;
        this.id = null;
    }

    public String type() {
        return type;
    }

    /** The id, or null when the thrower did not know it. */
    public String id() {
        return id;
    }
}
