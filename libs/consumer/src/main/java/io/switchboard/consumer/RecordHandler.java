package io.switchboard.consumer;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.EventEnvelope;

import java.time.Duration;
import java.util.function.Function;

/**
 * Applies one event at a time, deduplicating through {@link io.switchboard.consumer.positions.AppliedPositions}
 * in the effect's transaction. Any exception makes the loop retry this event (with back-off) until it
 * returns, then it goes on with the next one: a permanent domain rejection must be decided here, as
 * "applied without effect", never left to the loop.
 */
@FunctionalInterface
public interface RecordHandler {
    /** @return true if the event was applied now, false if it had been applied before */
    boolean apply(EventEnvelope event) throws Exception;

    /**
     * A handler on the reactive client, awaited on the loop's own thread (never an event loop). A Uni
     * that has not completed within {@code timeout} counts as a failure and is retried; its transaction,
     * should it still commit, makes the retry a recorded duplicate.
     */
    static RecordHandler reactive(Function<EventEnvelope, Uni<Boolean>> handler, Duration timeout) {
        return event -> handler.apply(event).await().atMost(timeout);
    }
}
