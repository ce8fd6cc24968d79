package io.switchboard.consumer;

/**
 * Applies a whole batch, deduplicating through {@link io.switchboard.consumer.positions.AppliedPositions}
 * in its own transaction(s). Any exception makes the loop retry the same batch (with back-off) until it
 * returns; a permanent domain rejection must therefore be decided here, as "applied without effect".
 */
@FunctionalInterface
public interface BatchHandler {
    /** @return how many of the batch's events were applied now (the others had been applied before) */
    int apply(Batch batch) throws Exception;
}
