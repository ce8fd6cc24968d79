package io.switchboard.eventstore.decider;

import java.util.List;

/**
 * An aggregate as three pure functions. {@code decide} validates a command against the current state
 * and returns the events it causes (or throws a {@link CommandRejectedException}); {@code evolve}
 * applies one event. No I/O, no framework: given/when/then tests need nothing but this interface.
 *
 * @param <C> command type
 * @param <S> state type
 * @param <E> event type
 */
public interface Decider<C, S, E> {
    S initialState();

    List<E> decide(C command, S state);

    S evolve(S state, E event);

    /** Folds events onto a state. */
    default S evolveAll(S state, List<? extends E> events) {
        S current = state;
        for (E event : events) {
            current = evolve(current, event);
        }
        return current;
    }
}
