package io.switchboard.eventstore.decider;

/** A command the domain refuses; nothing is written. Subclasses say why (and map to an HTTP status). */
public abstract class CommandRejectedException extends RuntimeException {
    protected CommandRejectedException(String message) {
        super(message, null, false, false);
    }
}
