package io.switchboard.bench.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the Manager API's change feeds ({@code GET /calls?cursor=…}, {@code GET /chats?cursor=…}) of
 * every partner as an extractor does, one thread per partner, and tells the {@link LagTracker} which
 * markers each changed row shows and when it was read. A row comes once per change with its state after
 * it, so a marker is seen at the first read that shows it.
 */
final class ManagerApiTail implements AutoCloseable {
    private static final Pattern CURSOR = Pattern.compile("[?&]cursor=(\\d+)");
    private final Rest rest;
    private final LagTracker lag;
    private final Duration interval;
    private final Map<String, Long> cursors;
    private final ExecutorService threads;
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong failedReads = new AtomicLong();
    private volatile boolean running = true;

    /**
     * @param cursors where each partner's feeds stand (key {@code partner/calls}); updated as it reads, so a
     *                later tail of the same partners goes on from there
     */
    ManagerApiTail(Rest rest, LagTracker lag, Duration interval, List<Partner> partners, Map<String, Long> cursors) {
        this.rest = rest;
        this.lag = lag;
        this.interval = interval;
        this.cursors = cursors;
        this.threads = Executors.newFixedThreadPool(partners.size(), r -> {
            Thread t = new Thread(r, "manager-api-tail");
            t.setDaemon(true);
            return t;
        });
        partners.forEach(p -> threads.execute(() -> follow(p)));
    }

    private void follow(Partner partner) {
        while (running) {
            long started = System.nanoTime();
            try {
                read(partner, "calls", "call");
                read(partner, "chats", "chat");
            } catch (RuntimeException e) {
                failedReads.incrementAndGet(); // e.g. a page cut short while reporting restarts: read again
            }
            long left = interval.toNanos() - (System.nanoTime() - started);
            if (left > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(left);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void read(Partner partner, String list, String type) {
        String key = partner.id() + "/" + list;
        while (running) {
            long cursor = cursors.getOrDefault(key, 0L);
            Rest.Response page = rest.send("reporting", "GET", "/manager/api/v1/" + list + "?per=1000&cursor=" + cursor, null,
                    partner.supervisor());
            long readAt = System.nanoTime();
            reads.incrementAndGet();
            if (page.status() != 200) {
                failedReads.incrementAndGet();
                return;
            }
            JsonNode rows = page.json();
            for (JsonNode row : rows) {
                lag.seen(partner.id(), type, row.path("id").asLong(), type.equals("call") ? callMarkers(row) : chatMarkers(row), readAt);
            }
            Long next = page.header("Link").map(ManagerApiTail::nextCursor).orElse(null);
            if (next != null) {
                cursors.put(key, next);
            }
            if (rows.size() < 1000 || next == null || next == cursor) {
                return;
            }
        }
    }

    static Long nextCursor(String link) {
        for (String part : link.split(",")) {
            if (part.contains("rel=\"next\"")) {
                Matcher m = CURSOR.matcher(part);
                if (m.find()) {
                    return Long.parseLong(m.group(1));
                }
            }
        }
        return null;
    }

    /** What a call row of the Manager API shows: created, queued, connected, ended. */
    static Set<String> callMarkers(JsonNode row) {
        Set<String> shown = new HashSet<>();
        shown.add("created");
        if (present(row, "queued_at")) {
            shown.add("queued");
        }
        if (present(row, "connected_at")) {
            shown.add("connected");
        }
        if (present(row, "ends_at")) {
            shown.add("ended");
        }
        return shown;
    }

    /** What a chat row shows: created, msg:1 … msg:n (its message count), finished. */
    static Set<String> chatMarkers(JsonNode row) {
        Set<String> shown = new HashSet<>();
        shown.add("created");
        int messages = row.path("message_count").asInt();
        for (int k = 1; k <= messages; k++) {
            shown.add("msg:" + k);
        }
        if (present(row, "ends_at")) {
            shown.add("finished");
        }
        return shown;
    }

    private static boolean present(JsonNode row, String field) {
        JsonNode value = row.path(field);
        return !value.isMissingNode() && !value.isNull();
    }

    long reads() {
        return reads.get();
    }

    long failedReads() {
        return failedReads.get();
    }

    @Override
    public void close() {
        running = false;
        threads.shutdownNow();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, Long> newCursors() {
        return new ConcurrentHashMap<>();
    }
}
