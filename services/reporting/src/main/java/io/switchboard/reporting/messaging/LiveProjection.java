package io.switchboard.reporting.messaging;

import io.switchboard.events.EventEnvelope;
import io.switchboard.reporting.projection.Projector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
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

    @Inject
    Projector projector;

    /**
     * Applies the events, then runs {@code processed} (recording the batch's offsets), both under the lock.
     *
     * @return how many of the events were applied now (the others had been before)
     */
    public int apply(List<EventEnvelope> events, Runnable processed) {
        lock.readLock().lock();
        try {
            int applied = events.isEmpty() ? 0 : projector.apply(events).size();
            processed.run();
            return applied;
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
