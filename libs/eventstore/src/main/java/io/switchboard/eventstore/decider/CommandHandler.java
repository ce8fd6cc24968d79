package io.switchboard.eventstore.decider;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventEnvelope;
import io.switchboard.eventstore.ConcurrencyConflictException;
import io.switchboard.eventstore.EventContext;
import io.switchboard.eventstore.EventStore;
import io.switchboard.eventstore.StreamId;
import io.switchboard.eventstore.position.WrittenPositions;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs a command against an aggregate: load its stream, fold it into state, decide, append with the
 * loaded version as the expected one.
 *
 * <p>Commands of one stream run one after another within this JVM ({@link StreamLocks}), so writers in
 * one instance do not race each other at all. A race with another instance is lost with a
 * {@link ConcurrencyConflictException}: a command that is {@link RetriesOnConflict} is then decided
 * again on fresh state after a jittered, growing back-off, until it lands or the retry budget is spent
 * (then the conflict surfaces, 409); other commands surface the conflict at once.
 */
public final class CommandHandler<C, S, E extends DomainEvent> {
    /** How long a retry-safe command keeps retrying lost races before the conflict surfaces. */
    public static final Duration DEFAULT_RETRY_BUDGET = Duration.ofSeconds(10);
    private static final long FIRST_BACKOFF_MILLIS = 2;
    private static final long MAX_BACKOFF_MILLIS = 100;

    private final EventStore store;
    private final Decider<C, S, E> decider;
    private final Class<E> eventType;
    private final long retryBudgetNanos;
    private final StreamLocks locks;

    public CommandHandler(EventStore store, Decider<C, S, E> decider, Class<E> eventType) {
        this(store, decider, eventType, DEFAULT_RETRY_BUDGET, StreamLocks.shared());
    }

    public CommandHandler(EventStore store, Decider<C, S, E> decider, Class<E> eventType, Duration retryBudget,
                          StreamLocks locks) {
        if (retryBudget.isNegative()) {
            throw new IllegalArgumentException("retryBudget must not be negative");
        }
        this.store = store;
        this.decider = decider;
        this.eventType = eventType;
        this.retryBudgetNanos = retryBudget.toNanos();
        this.locks = locks;
    }

    /**
     * The same handler on the caller's transaction ({@link EventStore#within}): the command's load and
     * append commit or roll back with the caller's other writes.
     */
    public CommandHandler<C, S, E> within(io.vertx.mutiny.sqlclient.SqlConnection transaction) {
        return new CommandHandler<>(store.within(transaction), decider, eventType, Duration.ofNanos(retryBudgetNanos), locks);
    }

    public Uni<CommandResult<S>> handle(String partnerId, StreamId streamId, C command, EventContext context) {
        return locks.run(streamId.value(), () -> {
            long deadline = System.nanoTime() + retryBudgetNanos;
            return attempt(partnerId, streamId, command, context, 1, deadline, StreamLocks.callerContext());
        });
    }

    /** The current state of an aggregate as the partner sees it, and its version. */
    public Uni<CommandResult<S>> current(String partnerId, StreamId streamId) {
        return store.load(partnerId, streamId)
                .map(stream -> new CommandResult<>(fold(stream.events()), List.of(), stream.version()));
    }

    private Uni<CommandResult<S>> attempt(String partnerId, StreamId streamId, C command, EventContext context,
                                          int attempt, long deadline, Executor caller) {
        return store.load(partnerId, streamId).flatMap(stream -> {
            S state = fold(stream.events());
            List<E> events = decider.decide(command, state);
            if (events.isEmpty()) {
                // A command that changed nothing (e.g. a repeat) still lets its caller read what it saw.
                WrittenPositions.record(partnerId, streamId.type(), streamId.value(), stream.version());
                return Uni.createFrom().item(new CommandResult<>(state, List.of(), stream.version()));
            }
            return store.append(partnerId, streamId, stream.version(), events, context)
                    .map(appended -> new CommandResult<>(decider.evolveAll(state, events), appended.envelopes(),
                            appended.version()));
        }).onFailure(ConcurrencyConflictException.class).recoverWithUni(conflict -> {
            if (!(command instanceof RetriesOnConflict) || System.nanoTime() >= deadline) {
                return Uni.createFrom().failure(conflict);
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(backoff(attempt)).emitOn(caller)
                    .flatMap(ignored -> attempt(partnerId, streamId, command, context, attempt + 1, deadline, caller));
        });
    }

    /**
     * "Full jitter": a random wait up to a cap that doubles per attempt, so instances that collided do
     * not collide again in lock step.
     */
    static Duration backoff(int attempt) {
        long cap = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(attempt - 1, 16));
        return Duration.ofMillis(1 + ThreadLocalRandom.current().nextLong(cap));
    }

    private S fold(List<EventEnvelope> envelopes) {
        S state = decider.initialState();
        for (EventEnvelope envelope : envelopes) {
            state = decider.evolve(state, eventType.cast(envelope.data()));
        }
        return state;
    }
}
