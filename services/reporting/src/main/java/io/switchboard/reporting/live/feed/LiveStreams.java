package io.switchboard.reporting.live.feed;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.switchboard.reporting.live.LiveSnapshot;
import io.switchboard.reporting.live.LiveSnapshots;
import io.switchboard.web.RetryLaterException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The live streams of this instance. One connection LISTENs on {@code live_feed}; a notification (or the fallback
 * poll) wakes the partner's one reader, which reads the new rows once and hands each to every subscriber of the
 * partner ({@link Subscriber}: bounded, never blocking). Every replica listens and reads for its own subscribers,
 * so any number of replicas serve streams. Snapshots are recomputed per partner when its feed moved, at most once
 * per {@code snapshot-interval}, and sent only when they changed.
 */
@ApplicationScoped
public class LiveStreams {
    private static final Logger LOG = Logger.getLogger(LiveStreams.class);

    private final DataSource dataSource;
    private final FeedStore store;
    private final StreamConfig config;
    private final LiveSnapshots snapshots;
    private final ObjectMapper json;
    private final ConcurrentHashMap<String, PartnerFeed> partners = new ConcurrentHashMap<>();
    private final ExecutorService readers = Executors.newFixedThreadPool(2, daemon("live-feed-reader"));
    /** Apart from the readers, so that subscribers reading on from the table never delay the fan-out. */
    private final ExecutorService catchUps = Executors.newFixedThreadPool(2, daemon("live-feed-catch-up"));
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(daemon("live-feed-tick"));
    private volatile boolean running = true;
    private Thread listener;

    public LiveStreams(DataSource dataSource, StreamConfig config, LiveSnapshots snapshots, ObjectMapper json) {
        this.dataSource = dataSource;
        this.store = new FeedStore(dataSource);
        this.config = config;
        this.snapshots = snapshots;
        this.json = json;
    }

    void start(@Observes StartupEvent started) {
        start();
    }

    /** Starts listening and the periodic work (public for the benchmark, which runs it without CDI). */
    public void start() {
        listener = new Thread(this::listen, "live-feed-listen");
        listener.setDaemon(true);
        listener.start();
        long poll = config.pollInterval().toMillis();
        ticks.scheduleWithFixedDelay(() -> partners.values().forEach(p -> {
            p.wake();
            p.subscribers.stream().filter(s -> !s.live && s.halfEmpty()).forEach(s -> catchUp(p, s));
        }), poll, poll, TimeUnit.MILLISECONDS);
        long beat = config.heartbeat().toMillis();
        ticks.scheduleWithFixedDelay(() -> partners.values().forEach(p -> p.subscribers.forEach(Subscriber::keepAlive)),
                beat, beat, TimeUnit.MILLISECONDS);
        ticks.scheduleWithFixedDelay(() -> partners.values().forEach(PartnerFeed::refreshSnapshotIfDue), 100, 100,
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        stop();
    }

    /** Ends every stream and stops listening. */
    public void stop() {
        running = false;
        ticks.shutdownNow();
        readers.shutdownNow();
        catchUps.shutdownNow();
        if (listener != null) {
            listener.interrupt();
        }
        partners.values().forEach(p -> p.subscribers.forEach(Subscriber::close));
    }

    /** What a request asked for: the kinds of feed rows, whether snapshots, and where to resume (null: from now). */
    public record Request(String partnerId, Set<String> kinds, boolean snapshots, FeedCursor resumeAfter) {
    }

    /**
     * Opens a stream: checks the partner's subscriber limit (429) and the cursor (too old: {@code reset}), queues the
     * first snapshot, then the missed rows (read from the table) and from then on the fan-out's.
     */
    public Multi<StreamEvent> open(Request request) throws SQLException {
        boolean reset = request.resumeAfter() != null && store.tooOld(request.resumeAfter());
        PartnerFeed feed = join(request.partnerId());
        Subscriber subscriber = new Subscriber(request.partnerId(), request.kinds(), request.snapshots(), config.buffer(),
                s -> catchUp(feed, s));
        try {
            if (reset) {
                subscriber.reset(StreamEvent.reset("the Last-Event-ID is older than the retention of "
                        + config.retention()));
            }
            if (request.snapshots()) {
                subscriber.snapshot(feed.currentSnapshot());
            }
            synchronized (feed) {
                if (request.resumeAfter() == null || reset) {
                    subscriber.cursor = feed.head;
                    subscriber.live = true;
                } else {
                    subscriber.cursor = request.resumeAfter();
                    subscriber.live = false;
                }
                feed.reserved--;
                feed.subscribers.add(subscriber);
            }
        } catch (SQLException | RuntimeException e) {
            synchronized (feed) {
                feed.reserved--;
            }
            leave(feed, subscriber);
            throw e;
        }
        Subscriber s = subscriber;
        return Multi.createFrom().<StreamEvent>emitter(emitter -> {
            emitter.onTermination(() -> leave(feed, s));
            s.attach(emitter);
            if (!s.live) {
                catchUp(feed, s);
            }
        });
    }

    /** The partner's feed, counting one more subscriber (429 past the limit); created with the current head. */
    private PartnerFeed join(String partner) throws SQLException {
        while (true) {
            PartnerFeed feed = partners.get(partner);
            if (feed == null) {
                PartnerFeed created = new PartnerFeed(partner, store.head(partner));
                feed = partners.putIfAbsent(partner, created);
                if (feed == null) {
                    feed = created;
                }
            }
            synchronized (feed) {
                if (feed.closed) {
                    continue;
                }
                if (feed.reserved + feed.subscribers.size() >= config.maxSubscribersPerPartner()) {
                    throw RetryLaterException.tooManyRequests("partner " + partner + " has "
                            + config.maxSubscribersPerPartner() + " live streams open on this instance already", 5);
                }
                feed.reserved++;
                return feed;
            }
        }
    }

    private void leave(PartnerFeed feed, Subscriber subscriber) {
        subscriber.closed = true;
        synchronized (feed) {
            feed.subscribers.remove(subscriber);
            if (feed.subscribers.isEmpty() && feed.reserved == 0) {
                feed.closed = true;
                partners.remove(feed.partnerId, feed);
            }
        }
    }

    /** Subscribers open on this instance for the partner. */
    public int subscribers(String partner) {
        PartnerFeed feed = partners.get(partner);
        return feed == null ? 0 : feed.subscribers.size();
    }

    /**
     * A subscriber outside the fan-out reads on from the table, a page at a time while its queue has room; at the
     * head (under the partner's lock, so the reader cannot move on in between) it joins the fan-out again.
     */
    private void catchUp(PartnerFeed feed, Subscriber s) {
        // One catch-up per subscriber at a time, queued once: a drain that emits while one runs leaves it to that one.
        if (s.live || s.closed || !s.catchingUp.compareAndSet(false, true)) {
            return;
        }
        try {
            catchUps.execute(() -> {
                boolean failed = false;
                try {
                    catchUpOne(feed, s);
                } catch (SQLException | RuntimeException e) {
                    failed = true;
                    LOG.warnf(e, "live stream of %s: cannot read the feed; trying again with the next poll", s.partnerId);
                } finally {
                    s.catchingUp.set(false);
                }
                // The client may have drained its queue after the last page was read: read on for it.
                if (!failed && !s.live && !s.closed && s.halfEmpty()) {
                    catchUp(feed, s);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            s.catchingUp.set(false);
        }
    }

    private void catchUpOne(PartnerFeed feed, Subscriber s) throws SQLException {
        while (!s.closed && s.halfEmpty()) {
            int limit = Math.min(config.page(), s.free());
            FeedStore.Page page = store.after(s.partnerId, s.cursor, limit);
            if (page.tooOld()) {
                synchronized (feed) {
                    s.reset(StreamEvent.reset("the stream fell behind the retention of " + config.retention()));
                    s.snapshot(feed.currentSnapshotQuietly());
                    s.cursor = feed.head;
                    s.live = true;
                }
                return;
            }
            if (!offerAll(s, page.rows())) {
                return;
            }
            if (page.rows().size() < limit) {
                synchronized (feed) {
                    if (!s.cursor.after(feed.head) && !s.cursor.equals(feed.head)) {
                        FeedStore.Page rest = store.between(s.partnerId, s.cursor, feed.head, s.free());
                        if (!offerAll(s, rest.rows()) || s.cursor.compareTo(feed.head) < 0) {
                            continue;
                        }
                    }
                    s.live = true;
                    return;
                }
            }
        }
    }

    private static boolean offerAll(Subscriber s, List<FeedRow> rows) {
        for (FeedRow row : rows) {
            if (!s.offer(row, StreamEvent.of(row))) {
                return false;
            }
        }
        return true;
    }

    /** One LISTEN connection: every notification wakes that partner's reader; the fallback poll covers any gap. */
    private void listen() {
        long backoff = 100;
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                PGConnection pg = c.unwrap(PGConnection.class);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + LiveFeedProjection.CHANNEL);
                }
                if (!c.getAutoCommit()) {
                    c.commit();
                }
                backoff = 100;
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            PartnerFeed feed = partners.get(n.getParameter());
                            if (feed != null) {
                                feed.wake();
                            }
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf(e, "live feed: the LISTEN connection failed; listening again in %d ms (polling meanwhile)", backoff);
                try {
                    TimeUnit.MILLISECONDS.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(10_000, backoff * 2);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** One partner's reader, subscribers and last snapshot. Its monitor orders the fan-out and joining it. */
    final class PartnerFeed {
        final String partnerId;
        final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();
        /** Subscribers counted against the limit that have not been added yet. */
        int reserved;
        boolean closed;
        /** The last row handed to the fan-out. */
        volatile FeedCursor head;
        private final AtomicBoolean reading = new AtomicBoolean();
        private volatile boolean wanted;
        private volatile boolean moved = true;
        private volatile long snapshotAt;
        private volatile LiveSnapshot lastSnapshot;
        private volatile StreamEvent lastSnapshotEvent;
        private final AtomicBoolean computing = new AtomicBoolean();

        PartnerFeed(String partnerId, FeedCursor head) {
            this.partnerId = partnerId;
            this.head = head;
        }

        void wake() {
            wanted = true;
            if (reading.compareAndSet(false, true)) {
                try {
                    readers.execute(this::read);
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    reading.set(false);
                }
            }
        }

        private void read() {
            try {
                do {
                    wanted = false;
                    FeedStore.Page page;
                    do {
                        page = store.after(partnerId, head, config.page());
                        if (!page.rows().isEmpty()) {
                            fanOut(page.rows());
                        }
                    } while (page.rows().size() == config.page());
                } while (wanted && running);
            } catch (SQLException | RuntimeException e) {
                LOG.warnf(e, "live feed of %s: cannot read; trying again with the next poll", partnerId);
            } finally {
                reading.set(false);
            }
            if (wanted && running) {
                wake();
            }
        }

        private void fanOut(List<FeedRow> rows) {
            List<Subscriber> fellBehind = new java.util.ArrayList<>();
            synchronized (this) {
                for (FeedRow row : rows) {
                    StreamEvent event = StreamEvent.of(row);
                    for (Subscriber s : subscribers) {
                        if (s.live && row.cursor().after(s.cursor) && !s.offer(row, event)) {
                            s.live = false;
                            fellBehind.add(s);
                        }
                    }
                    head = row.cursor();
                }
                moved = true;
            }
            // Full now; its drain starts the catch-up, unless it drained before it left the fan-out.
            fellBehind.forEach(s -> catchUp(this, s));
        }

        /** The snapshot to send a new subscriber: the last one while the feed has not moved since, else a new one. */
        StreamEvent currentSnapshot() throws SQLException {
            StreamEvent last = lastSnapshotEvent;
            if (last != null && !moved) {
                return last;
            }
            return computeSnapshot(false);
        }

        StreamEvent currentSnapshotQuietly() {
            try {
                return currentSnapshot();
            } catch (SQLException e) {
                LOG.warnf(e, "live snapshot of %s failed", partnerId);
                return lastSnapshotEvent;
            }
        }

        private StreamEvent computeSnapshot(boolean publish) throws SQLException {
            moved = false;
            snapshotAt = System.nanoTime();
            LiveSnapshot snapshot = snapshots.snapshot(partnerId);
            LiveSnapshot comparable = withoutTime(snapshot);
            StreamEvent event;
            try {
                event = StreamEvent.snapshot(json.writeValueAsString(snapshot));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the live snapshot of " + partnerId, e);
            }
            boolean changed = !comparable.equals(lastSnapshot);
            lastSnapshot = comparable;
            lastSnapshotEvent = event;
            if (publish && changed) {
                subscribers.forEach(s -> s.snapshot(event));
            }
            return event;
        }

        void refreshSnapshotIfDue() {
            long since = System.nanoTime() - snapshotAt;
            boolean due = moved && since >= config.snapshotInterval().toNanos() || since >= config.snapshotMaxAge().toNanos();
            if (!due || subscribers.stream().noneMatch(s -> s.snapshots) || !computing.compareAndSet(false, true)) {
                return;
            }
            readers.execute(() -> {
                try {
                    computeSnapshot(true);
                } catch (SQLException | RuntimeException e) {
                    LOG.warnf(e, "live snapshot of %s failed; trying again", partnerId);
                } finally {
                    computing.set(false);
                }
            });
        }
    }

    /** The snapshot without its time: two snapshots that differ only in when they were taken are the same news. */
    private static LiveSnapshot withoutTime(LiveSnapshot s) {
        return new LiveSnapshot(s.partnerId(), null, s.serviceLevel(), s.totals(), s.queues(), s.agents());
    }
}
