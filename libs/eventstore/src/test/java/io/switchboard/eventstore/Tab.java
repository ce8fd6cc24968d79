package io.switchboard.eventstore;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventType;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.Decider;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.eventstore.decider.RetriesOnConflict;

import java.util.List;

/** A bar tab: the smallest aggregate that exercises every path of the command handler. */
final class Tab {
    private Tab() {
    }

    sealed interface Command permits Open, Add, Close {
    }

    record Open(String owner) implements Command {
    }

    /** Adding to a tab does not depend on what the caller saw, so a lost race may be retried. */
    record Add(int amount) implements Command, RetriesOnConflict {
    }

    record Close() implements Command {
    }

    sealed interface Event extends DomainEvent permits Opened, Added, Closed {
    }

    @EventType(name = "TabOpened")
    record Opened(String owner, String note) implements Event {
    }

    @EventType(name = "TabAdded")
    record Added(int amount) implements Event {
    }

    @EventType(name = "TabClosed")
    record Closed(int total) implements Event {
    }

    record State(boolean exists, boolean open, int total) {
    }

    static final Decider<Command, State, Event> DECIDER = new Decider<>() {
        @Override
        public State initialState() {
            return new State(false, false, 0);
        }

        @Override
        public List<Event> decide(Command command, State state) {
            if (command instanceof Open open) {
                if (state.exists()) {
                    throw new IllegalTransitionException("open", "tab already exists");
                }
                if (open.owner() == null || open.owner().isBlank()) {
                    throw new InvalidCommandException("owner", "owner is required");
                }
                return List.of(new Opened(open.owner(), null));
            }
            requireOpen(state);
            if (command instanceof Add add) {
                if (add.amount() <= 0) {
                    throw new InvalidCommandException("amount", "amount must be positive");
                }
                return List.of(new Added(add.amount()));
            }
            return List.of(new Closed(state.total()));
        }

        private void requireOpen(State state) {
            if (!state.exists()) {
                throw new AggregateNotFoundException("tab", "?");
            }
            if (!state.open()) {
                throw new IllegalTransitionException("closed", "tab is closed");
            }
        }

        @Override
        public State evolve(State state, Event event) {
            if (event instanceof Opened) {
                return new State(true, true, 0);
            }
            if (event instanceof Added added) {
                return new State(true, true, state.total() + added.amount());
            }
            return new State(true, false, state.total());
        }
    };
}
