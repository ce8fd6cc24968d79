package io.switchboard.reporting.messaging;

import io.switchboard.consumer.Gate;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The live consumers' batches, applied under a shared lock that a projection rebuild takes exclusively
 * for its final catch-up and swap. A batch's transactions AND the record of its offsets as processed
 * happen under the lock (the consumer loop's {@link Gate}), so while a rebuild holds it the processed
 * offsets ({@link ConsumerProgress#nextToProcess}) are exactly the events the served tables contain.
 */
@ApplicationScoped
public class LiveProjection implements Gate {
    private final ReadWriteLock lock = new ReentrantReadWriteLock(true);

    /** Runs a live batch under the shared lock, so a rebuild never sees a batch half applied. */
    @Override
    public void around(Body batch) throws Exception {
        lock.readLock().lock();
        try {
            batch.run();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs {@code action} while no live batch is being applied (live batches wait meanwhile). */
    public <T> T exclusively(Callable<T> action) throws Exception {
        lock.writeLock().lock();
        try {
            return action.call();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
