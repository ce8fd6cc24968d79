package io.switchboard.reporting.live.feed;

import io.smallrye.mutiny.subscription.MultiEmitter;

import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One open stream. Feed events wait in a bounded queue and are emitted only as the HTTP response asks for them
 * (Quarkus REST requests the next event once the previous one is written to the socket), so a slow client never
 * blocks the reader or the other subscribers. When its queue is full the subscriber leaves the partner's fan-out
 * and reads on from the table itself, from its own cursor, a page whenever its queue has drained to half
 * ({@link LiveStreams#catchUp}); at the head it joins the fan-out again. Nothing is lost and nobody waits for it;
 * a client that falls behind the retention gets {@code event: reset} and a fresh snapshot.
 * Control messages (reset, snapshot, heartbeat) go ahead of the queue; a newer snapshot replaces one not yet sent.
 */
final class Subscriber {
    final String partnerId;
    final Set<String> kinds;
    final boolean snapshots;
    private final int capacity;
    private final ArrayDeque<StreamEvent> queue = new ArrayDeque<>();
    private StreamEvent reset;
    private StreamEvent snapshot;
    private boolean keepAlive;
    private final AtomicInteger wip = new AtomicInteger();
    private volatile MultiEmitter<? super StreamEvent> emitter;
    private final java.util.function.Consumer<Subscriber> onDrained;

    /** The last feed row queued (or passed over, not being of its kinds): the next one read must come after it. */
    volatile FeedCursor cursor;
    /** In the partner's fan-out (else reading on from the table). Guarded by the partner's lock. */
    volatile boolean live;
    volatile boolean closed;
    /** A catch-up read is under way (one at a time). */
    final java.util.concurrent.atomic.AtomicBoolean catchingUp = new java.util.concurrent.atomic.AtomicBoolean();

    Subscriber(String partnerId, Set<String> kinds, boolean snapshots, int capacity,
               java.util.function.Consumer<Subscriber> onDrained) {
        this.partnerId = partnerId;
        this.kinds = kinds;
        this.snapshots = snapshots;
        this.capacity = capacity;
        this.onDrained = onDrained;
    }

    void attach(MultiEmitter<? super StreamEvent> emitter) {
        this.emitter = emitter;
        emitter.onRequest(n -> drain());
        drain();
    }

    /** Queues a feed row if it is of the subscriber's kinds; false (nothing queued) when the queue is full. */
    boolean offer(FeedRow row, StreamEvent event) {
        if (kinds.contains(row.kind())) {
            synchronized (this) {
                if (queue.size() >= capacity) {
                    return false;
                }
                queue.add(event);
            }
            drain();
        }
        cursor = row.cursor();
        return true;
    }

    synchronized int free() {
        return capacity - queue.size();
    }

    boolean halfEmpty() {
        return free() >= capacity / 2;
    }

    void snapshot(StreamEvent event) {
        if (snapshots) {
            synchronized (this) {
                snapshot = event;
            }
            drain();
        }
    }

    /** Discards what is queued: the client must start over from the snapshot that follows. */
    void reset(StreamEvent event) {
        synchronized (this) {
            queue.clear();
            reset = event;
        }
        drain();
    }

    void keepAlive() {
        synchronized (this) {
            keepAlive = true;
        }
        drain();
    }

    private synchronized StreamEvent next() {
        StreamEvent next;
        if (reset != null) {
            next = reset;
            reset = null;
        } else if (snapshot != null) {
            next = snapshot;
            snapshot = null;
        } else if (keepAlive) {
            keepAlive = false;
            next = StreamEvent.KEEP_ALIVE;
        } else {
            next = queue.poll();
        }
        return next;
    }

    /** Emits while the response asks for more; one thread at a time, the others leave their work to it. */
    void drain() {
        MultiEmitter<? super StreamEvent> e = emitter;
        if (e == null || wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        boolean emitted = false;
        while (true) {
            while (!closed && e.requested() > 0) {
                StreamEvent next = next();
                if (next == null) {
                    break;
                }
                e.emit(next);
                emitted = true;
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                break;
            }
        }
        if (emitted && !live && !closed && halfEmpty()) {
            onDrained.accept(this);
        }
    }

    void close() {
        closed = true;
        MultiEmitter<? super StreamEvent> e = emitter;
        if (e != null) {
            e.complete();
        }
    }
}
