package io.switchboard.reporting.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The live consumers' batches, applied under a shared lock that a projection rebuild takes exclusively
 * for its final catch-up and swap. A batch's transaction AND the record of its offsets as processed
 * happen under the lock, so while a rebuild holds it the processed offsets ({@link ConsumerProgress})
 * are exactly the events the served tables contain.
 */
@ApplicationScoped
public class LiveProjection {
    private final ReadWriteLock lock = new ReentrantReadWriteLock(true);

    /**
     * Runs a live batch: its transactions and the record of its offsets as processed, all under the
     * shared lock, so a rebuild never sees a batch half applied.
     */
    public void shared(Batch batch) throws InterruptedException {
        lock.readLock().lock();
        try {
            batch.run();
        } finally {
            lock.readLock().unlock();
        }
    }

    @FunctionalInterface
    public interface Batch {
        void run() throws InterruptedException;
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
