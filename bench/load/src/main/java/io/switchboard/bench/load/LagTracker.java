package io.switchboard.bench.load;

import org.HdrHistogram.Histogram;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * End-to-end lag: from the moment a write was sent to the REST API to the moment the Manager API first
 * showed its effect. Writes register a marker ({@code call 1234 "ended"}) with the time they were sent
 * once they were acknowledged; a reader of the Manager API reports which markers a row shows and when
 * it read it. Either may come first (the read can beat the acknowledgement to the driver), so both are
 * kept until they meet. Only writes sent inside the measurement window are counted.
 */
public final class LagTracker {
    private record Key(String partnerId, String type, long id) {
    }

    private static final class Marks {
        final Map<String, Long> sent = new HashMap<>();
        final Map<String, Long> seen = new HashMap<>();
    }

    private final Set<String> partners;
    private final Map<Key, Marks> marks = new HashMap<>();
    private final Histogram histogram = new Histogram(3_600_000_000L, 3);
    private long windowStart = Long.MIN_VALUE;
    private long windowEnd = Long.MAX_VALUE;
    private long outsideWindow;
    private long missedByFeed;

    /** Tracks the writes of every partner. */
    public LagTracker() {
        this(null);
    }

    /** Tracks the writes of these partners only (the ones whose Manager API is read); null: all. */
    public LagTracker(Set<String> partners) {
        this.partners = partners == null ? null : Set.copyOf(partners);
    }

    /** Count only writes sent between these two {@link System#nanoTime()} values. */
    public synchronized void window(long startNanos, long endNanos) {
        windowStart = startNanos;
        windowEnd = endNanos;
    }

    /** An acknowledged write of {@code type} (call, chat) {@code id} whose effect the Manager API shows as {@code marker}. */
    public synchronized void sent(String partnerId, String type, long id, String marker, long sentNanos) {
        if (partners != null && !partners.contains(partnerId)) {
            return;
        }
        Marks m = marks.computeIfAbsent(new Key(partnerId, type, id), k -> new Marks());
        Long seen = m.seen.remove(marker);
        if (seen != null) {
            record(sentNanos, seen);
        } else {
            m.sent.put(marker, sentNanos);
        }
    }

    /** The Manager API showed these markers of the row at {@code readNanos} (the answer's arrival). */
    public synchronized void seen(String partnerId, String type, long id, Set<String> shown, long readNanos) {
        Marks m = marks.computeIfAbsent(new Key(partnerId, type, id), k -> new Marks());
        for (String marker : shown) {
            Long sent = m.sent.remove(marker);
            if (sent != null) {
                record(sent, readNanos);
            } else {
                m.seen.putIfAbsent(marker, readNanos);
            }
        }
    }

    private void record(long sentNanos, long seenNanos) {
        if (sentNanos < windowStart || sentNanos > windowEnd) {
            outsideWindow++;
            return;
        }
        histogram.recordValue(Math.max(0, (seenNanos - sentNanos) / 1000));
    }

    /** Acknowledged writes sent in the window whose effect has not been seen yet. */
    public synchronized long pending() {
        long n = 0;
        for (Marks m : marks.values()) {
            for (long sent : m.sent.values()) {
                if (sent >= windowStart && sent <= windowEnd) {
                    n++;
                }
            }
        }
        return n;
    }

    /** A write of the window whose effect has not been seen yet. */
    public record Pending(String partnerId, String type, long id, String marker) {
    }

    /** The writes of the window whose effect has not been seen yet. */
    public synchronized java.util.List<Pending> pendingWrites() {
        java.util.List<Pending> list = new java.util.ArrayList<>();
        marks.forEach((key, m) -> m.sent.forEach((marker, sent) -> {
            if (sent >= windowStart && sent <= windowEnd) {
                list.add(new Pending(key.partnerId(), key.type(), key.id(), marker));
            }
        }));
        return list;
    }

    /**
     * A row read directly (not through the change feed) shows these markers: writes waiting for them are
     * visible, but the feed never delivered the change; they are counted as {@link #missedByFeed()}, without
     * a lag sample (when they became visible is unknown).
     */
    public synchronized void shownOutsideFeed(String partnerId, String type, long id, Set<String> shown) {
        Marks m = marks.get(new Key(partnerId, type, id));
        if (m == null) {
            return;
        }
        for (String marker : shown) {
            if (m.sent.remove(marker) != null) {
                missedByFeed++;
            }
        }
    }

    /** Writes whose effect the Manager API showed when read directly but its change feed never delivered. */
    public synchronized long missedByFeed() {
        return missedByFeed;
    }

    /** Up to {@code limit} writes of the window not seen yet, e.g. {@code p1 call 1234 ended}. */
    public synchronized java.util.List<String> pendingMarkers(int limit) {
        java.util.List<String> list = new java.util.ArrayList<>();
        marks.forEach((key, m) -> m.sent.forEach((marker, sent) -> {
            if (sent >= windowStart && sent <= windowEnd && list.size() < limit) {
                list.add(key.partnerId() + " " + key.type() + " " + key.id() + " " + marker);
            }
        }));
        return list;
    }

    /** A copy of the lag histogram in microseconds. */
    public synchronized Histogram micros() {
        return histogram.copy();
    }

    public synchronized long samples() {
        return histogram.getTotalCount();
    }

    synchronized long outsideWindow() {
        return outsideWindow;
    }

    /** Clears the samples (the markers stay). */
    public synchronized void reset() {
        histogram.reset();
        outsideWindow = 0;
        missedByFeed = 0;
    }
}
