package io.switchboard.eventstore.decider;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventEnvelope;
import io.switchboard.eventstore.ConcurrencyConflictException;
import io.switchboard.eventstore.EventContext;
import io.switchboard.eventstore.EventStore;
import io.switchboard.eventstore.StreamId;

import java.util.List;

/**
 * Runs a command against an aggregate: load its stream, fold it into state, decide, append with the
 * loaded version as the expected one. A lost race is retried on fresh state only for commands that
 * are {@link RetriesOnConflict}; others surface the {@link ConcurrencyConflictException}.
 */
public final class CommandHandler<C, S, E extends DomainEvent> {
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    private final EventStore store;
    private final Decider<C, S, E> decider;
    private final Class<E> eventType;
    private final int maxAttempts;

    public CommandHandler(EventStore store, Decider<C, S, E> decider, Class<E> eventType) {
        this(store, decider, eventType, DEFAULT_MAX_ATTEMPTS);
    }

    public CommandHandler(EventStore store, Decider<C, S, E> decider, Class<E> eventType, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
        this.store = store;
        this.decider = decider;
        this.eventType = eventType;
        this.maxAttempts = maxAttempts;
    }

    /**
     * The same handler on the caller's transaction ({@link EventStore#within}): the command's load and
     * append commit or roll back with the caller's other writes.
     */
    public CommandHandler<C, S, E> within(io.vertx.mutiny.sqlclient.SqlConnection transaction) {
        return new CommandHandler<>(store.within(transaction), decider, eventType, maxAttempts);
    }

    public Uni<CommandResult<S>> handle(String partnerId, StreamId streamId, C command, EventContext context) {
        return attempt(partnerId, streamId, command, context, 1);
    }

    /** The current state of an aggregate as the partner sees it, and its version. */
    public Uni<CommandResult<S>> current(String partnerId, StreamId streamId) {
        return store.load(partnerId, streamId)
                .map(stream -> new CommandResult<>(fold(stream.events()), List.of(), stream.version()));
    }

    private Uni<CommandResult<S>> attempt(String partnerId, StreamId streamId, C command, EventContext context,
                                          int attempt) {
        return store.load(partnerId, streamId).flatMap(stream -> {
            S state = fold(stream.events());
            List<E> events = decider.decide(command, state);
            if (events.isEmpty()) {
                return Uni.createFrom().item(new CommandResult<>(state, List.of(), stream.version()));
            }
            return store.append(partnerId, streamId, stream.version(), events, context)
                    .map(appended -> new CommandResult<>(decider.evolveAll(state, events), appended.envelopes(),
                            appended.version()));
        }).onFailure(ConcurrencyConflictException.class).recoverWithUni(conflict ->
                command instanceof RetriesOnConflict && attempt < maxAttempts
                        ? attempt(partnerId, streamId, command, context, attempt + 1)
                        : Uni.createFrom().failure(conflict));
    }

    private S fold(List<EventEnvelope> envelopes) {
        S state = decider.initialState();
        for (EventEnvelope envelope : envelopes) {
            state = decider.evolve(state, eventType.cast(envelope.data()));
        }
        return state;
    }
}
