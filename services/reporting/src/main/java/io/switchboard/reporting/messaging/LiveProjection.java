package io.switchboard.reporting.messaging;

import io.switchboard.events.EventEnvelope;
import io.switchboard.reporting.projection.Projector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The live consumers' batches, applied under a shared lock that a projection rebuild takes exclusively
 * for its final catch-up and swap: while it holds it, no live batch is half-applied and the live
 * consumers' positions are exactly the events the served tables contain.
 */
@ApplicationScoped
public class LiveProjection {
    private final ReadWriteLock lock = new ReentrantReadWriteLock(true);

    @Inject
    Projector projector;

    /** @return how many of the events were applied now (the others had been before) */
    public int apply(List<EventEnvelope> events) {
        lock.readLock().lock();
        try {
            return projector.apply(events).size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs {@code action} while no live batch is being applied (live batches wait meanwhile). */
    public <T> T exclusively(java.util.concurrent.Callable<T> action) throws Exception {
        lock.writeLock().lock();
        try {
            return action.call();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
