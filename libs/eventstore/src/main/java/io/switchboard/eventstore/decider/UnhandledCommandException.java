package io.switchboard.eventstore.decider;

/**
 * A decider was given a command it has no rule for: a programming error (a new command type without its
 * branch), never a client's. Every decider ends its dispatch with it instead of a silent default.
 */
public class UnhandledCommandException extends IllegalArgumentException {
    public UnhandledCommandException(Object command) {
        super("no rule decides " + (command == null ? "null" : command.getClass().getName()));
    }
}
