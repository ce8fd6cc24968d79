package io.switchboard.consumer.positions;

import io.switchboard.eventstore.position.PositionToken;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Read-your-writes, read side: waits until a read model has applied the positions a
 * {@link PositionToken} names (each stream's version is in the stream's set in
 * {@code consumer_applied_streams}; a stream's events travel in order on one Kafka partition, so its latest
 * version applied means its earlier ones were handled too).
 *
 * <p>ONE poller thread per instance serves every waiting request: while anything waits it asks the
 * database, at most once per {@code pollInterval}, which of ALL pending positions are applied (one indexed
 * statement however many requests wait), completes the satisfied waits and expires the overdue ones. A new
 * wait wakes an idle poller at once, so a position already applied answers after one statement. Nobody
 * waits on a thread: a wait is a future completed by the poller; nothing is asked while nobody waits.
 */
public final class AppliedWaits implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AppliedWaits.class.getName());

    static final String APPLIED = """
            SELECT w.i FROM unnest(?::text::text[], ?::text::text[], ?::text::text[], ?::text::int8[])
                             WITH ORDINALITY AS w(partner_id, aggregate_type, aggregate_id, version, i)
              JOIN consumer_applied_streams a ON a.read_model = ? AND a.partner_id = w.partner_id
                   AND a.aggregate_type = w.aggregate_type AND a.aggregate_id = w.aggregate_id
             WHERE a.sequences @> w.version""";

    private final DataSource dataSource;
    private final String readModel;
    private final long pollIntervalNanos;
    private final int maxWaiting;
    private final LongSupplier nanoTime;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition waiting = lock.newCondition();
    private final Set<Wait> waits = new LinkedHashSet<>();
    private final Thread poller;
    private volatile boolean closed;
    private volatile long statements;

    public AppliedWaits(DataSource dataSource, String readModel, Duration pollInterval, int maxWaiting) {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive");
        }
        if (maxWaiting < 1) {
            throw new IllegalArgumentException("maxWaiting must be >= 1");
        }
        this.dataSource = dataSource;
        this.readModel = readModel;
        this.pollIntervalNanos = pollInterval.toNanos();
        this.maxWaiting = maxWaiting;
        this.nanoTime = System::nanoTime;
        this.poller = new Thread(this::run, "applied-waits-" + readModel);
        poller.setDaemon(true);
        poller.start();
    }

    /**
     * Completes with true once every position of {@code token} is applied, with false if {@code timeout}
     * passes first (or too many requests wait already, or the waits are closed). Fails only if the database
     * fails.
     */
    public CompletableFuture<Boolean> await(PositionToken token, Duration timeout) {
        Wait wait = new Wait(token, nanoTime.getAsLong() + timeout.toNanos());
        lock.lock();
        try {
            if (closed || waits.size() >= maxWaiting) {
                wait.result.complete(Boolean.FALSE);
                return wait.result;
            }
            waits.add(wait);
            waiting.signal();
        } finally {
            lock.unlock();
        }
        return wait.result;
    }

    /** How many statements the poller ran (for benchmarks and tests: one per round, not one per request). */
    public long statements() {
        return statements;
    }

    @Override
    public void close() {
        closed = true;
        poller.interrupt();
        lock.lock();
        try {
            waits.forEach(w -> w.result.complete(Boolean.FALSE));
            waits.clear();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        long lastRound = nanoTime.getAsLong() - pollIntervalNanos;
        while (!closed) {
            List<Wait> pending;
            lock.lock();
            try {
                while (waits.isEmpty() && !closed) {
                    waiting.await();
                }
                long sinceLast = nanoTime.getAsLong() - lastRound;
                if (sinceLast < pollIntervalNanos) {
                    // Spaced rounds: under load many requests share one statement instead of one each.
                    waiting.awaitNanos(pollIntervalNanos - sinceLast);
                }
                pending = new ArrayList<>(waits);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            if (pending.isEmpty()) {
                continue;
            }
            lastRound = nanoTime.getAsLong();
            try {
                round(pending);
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.WARNING, "read-your-writes: cannot read the applied positions of " + readModel, e);
                fail(pending, e);
            }
        }
    }

    private void round(List<Wait> pending) throws SQLException {
        Map<Key, Integer> index = new LinkedHashMap<>();
        for (Wait w : pending) {
            for (PositionToken.StreamPosition s : w.token.streams()) {
                index.putIfAbsent(new Key(w.token.partnerId(), s.aggregateType(), s.aggregateId(), s.version()), index.size() + 1);
            }
        }
        List<Object> partners = new ArrayList<>(index.size()), types = new ArrayList<>(index.size()),
                ids = new ArrayList<>(index.size()), versions = new ArrayList<>(index.size());
        index.keySet().forEach(k -> {
            partners.add(k.partnerId);
            types.add(k.aggregateType);
            ids.add(k.aggregateId);
            versions.add(k.version);
        });
        boolean[] applied = new boolean[index.size() + 1];
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(APPLIED)) {
            s.setString(1, ArrayLiteral.of(partners));
            s.setString(2, ArrayLiteral.of(types));
            s.setString(3, ArrayLiteral.of(ids));
            s.setString(4, ArrayLiteral.of(versions));
            s.setString(5, readModel);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    applied[(int) rs.getLong(1)] = true;
                }
            }
        }
        statements++;
        long now = nanoTime.getAsLong();
        Map<Wait, Boolean> done = new HashMap<>();
        for (Wait w : pending) {
            boolean all = true;
            for (PositionToken.StreamPosition s : w.token.streams()) {
                all &= applied[index.get(new Key(w.token.partnerId(), s.aggregateType(), s.aggregateId(), s.version()))];
            }
            if (all) {
                done.put(w, Boolean.TRUE);
            } else if (now - w.deadline >= 0) {
                done.put(w, Boolean.FALSE);
            }
        }
        if (done.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            waits.removeAll(done.keySet());
        } finally {
            lock.unlock();
        }
        done.forEach((w, result) -> w.result.complete(result));
    }

    private void fail(List<Wait> pending, Exception e) {
        lock.lock();
        try {
            waits.removeAll(pending);
        } finally {
            lock.unlock();
        }
        pending.forEach(w -> w.result.completeExceptionally(e));
    }

    private record Key(String partnerId, String aggregateType, String aggregateId, long version) {
    }

    /** Identity-equal on purpose: two requests with the same token are two waits. */
    private static final class Wait {
        final PositionToken token;
        final long deadline;
        final CompletableFuture<Boolean> result = new CompletableFuture<>();

        Wait(PositionToken token, long deadline) {
            this.token = token;
            this.deadline = deadline;
        }
    }

}
