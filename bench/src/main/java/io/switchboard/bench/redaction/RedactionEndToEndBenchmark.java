package io.switchboard.bench.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.bench.load.Keycloak;
import io.switchboard.bench.load.Stack;
import io.switchboard.events.EventCodec;
import io.switchboard.events.chat.ChatEvents.MessageSent;
import io.switchboard.eventstore.EventStore;
import io.switchboard.eventstore.StreamId;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 14's end-to-end figure on the running local stack: a {@code MessageSent} committed to the chat
 * service's event store (through libs/eventstore, as the chat service appends it) → Debezium →
 * {@code switchboard.chat} → the redaction service's loop (detection, sentiment, language, intents, its event
 * store and read model) → visible in the redacted messages API; and further → Debezium →
 * {@code switchboard.redaction} → reporting's loop → visible in reporting's {@code chat_messages}.
 *
 * <p>{@code BENCH_RATE} messages/s (200) for {@code BENCH_SECONDS} (60) after {@code BENCH_WARMUP_SECONDS} (10)
 * at the same rate, not measured. {@code BENCH_WRITERS} (8) threads each own one chat at a time (messages of a
 * chat are appended one after the other, {@code BENCH_CHAT_MESSAGES}, 40, per chat, then a new chat), so a
 * chat's messages arrive in order. Times are from the append's commit (when the {@code MessageSent} exists) to
 * the end of the first read that shows the message: the API is asked, for every chat with messages not yet seen,
 * every {@code BENCH_POLL_MS} (100) for what comes after those it has shown (a chat's messages come in order,
 * so the count says which are visible) — the {@code BENCH_API_CHATS} (12) oldest such chats per round, which
 * keeps the reads under the credential's rate limit (150/s; a 429 pauses the reads 1 s and is counted); reporting's table with one SQL count per poll over those chats. A
 * figure is therefore up to one poll interval late (half of one on average). After the run: the redaction
 * service's RSS ({@code /proc/<pid>/status} VmRSS and VmHWM, the launcher's PID file) and the load average.
 */
public final class RedactionEndToEndBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PARTNER = "acme";
    /** Typical support-chat lines, with the PII the detection is for. */
    private static final List<String> TEXTS = List.of(
            "hi, my name is Jonathan Whitaker and I was charged twice for order 55123",
            "my email is jon.whitaker@example.org, please send the invoice there",
            "the card ending 4929 3812 7764 5501 was billed $48.20 on March 3",
            "can you call me back on +1 555 867 5309 tomorrow at 10am?",
            "I live in Manchester, 22 Baker Street, postcode M1 4BT",
            "thanks, that solved it, great service!",
            "this is the third time I ask and nobody answers, really disappointed",
            "please refund the EUR 120 to IBAN DE89 3704 0044 0532 0130 00",
            "where is my parcel? tracking says delivered but nothing arrived",
            "can I change my delivery address to Leeds?");

    private final Stack stack = Stack.fromEnvironment();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Keycloak keycloak = new Keycloak(stack);
    private final int rate = intEnv("BENCH_RATE", 200);
    private final int seconds = intEnv("BENCH_SECONDS", 60);
    private final int warmUp = intEnv("BENCH_WARMUP_SECONDS", 10);
    private final int writers = intEnv("BENCH_WRITERS", 8);
    private final int perChat = intEnv("BENCH_CHAT_MESSAGES", 40);
    private final int pollMillis = intEnv("BENCH_POLL_MS", 100);
    /** Chat ids far above the chat service's own sequence, so nothing it made is touched. */
    private final AtomicLong nextChat = new AtomicLong(8_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));

    /** A chat's messages: the commit time of each (nanoTime; 0 = not committed yet) and whether it was measured. */
    private static final class ChatLog {
        final long chatId;
        final long[] committedAt;
        final boolean[] measured;
        volatile int committed;
        int seenApi;
        int seenReporting;

        ChatLog(long chatId, int messages) {
            this.chatId = chatId;
            this.committedAt = new long[messages];
            this.measured = new boolean[messages];
        }
    }

    private final Map<Long, ChatLog> chats = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<ChatLog> apiPending = new ConcurrentLinkedQueue<>();
    private final Histogram append = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    private final Histogram api = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    private final Histogram reporting = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong measuredSent = new AtomicLong();
    private final int apiChats = intEnv("BENCH_API_CHATS", 12);
    private final AtomicLong rateLimited = new AtomicLong();
    private volatile long lastApi;
    private volatile long lastReporting;
    private volatile boolean measuring;
    private volatile String token;

    public static void main(String[] args) throws Exception {
        new RedactionEndToEndBenchmark().run();
    }

    private void run() throws Exception {
        String loadBefore = loadAverage();
        refreshToken();
        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(writers))
                .connectingTo(new PgConnectOptions().setHost(stack.host()).setPort(stack.ports().get("postgres"))
                        .setDatabase("chat").setUser("chat").setPassword(stack.databasePassword("chat")))
                .using(vertx).build();
        EventStore store = new EventStore(pool, EventCodec.standard());
        // Mutiny's context propagation initialises on first use, and two writers starting at once both try to.
        pool.query("SELECT 1").execute().await().atMost(Duration.ofSeconds(30));
        System.out.printf("redaction end to end: %d messages/s for %d s after %d s of warm-up, %d writers, %d messages per chat, poll %d ms%n",
                rate, seconds, warmUp, writers, perChat, pollMillis);

        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmUp);
        long stopAt = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            threads.add(started("writer-" + w, false, () -> write(store, writer, start, measureFrom, stopAt)));
        }
        Thread apiPoller = started("api-poller", true, this::pollApi);
        Thread reportingPoller = started("reporting-poller", true, this::pollReporting);
        while (System.nanoTime() < measureFrom) {
            Thread.sleep(50);
        }
        measuring = true;
        for (Thread t : threads) {
            t.join();
        }
        long sentEnd = System.nanoTime();
        long expected = measuredSent.get();
        System.out.printf("sent %d messages (%d measured, %.1f/s in the measured window); waiting for them to be visible%n",
                sent.get(), expected, expected / (double) seconds);
        long drainDeadline = sentEnd + TimeUnit.SECONDS.toNanos(intEnv("BENCH_DRAIN_SECONDS", 180));
        while ((api.getTotalCount() < expected || reporting.getTotalCount() < expected) && System.nanoTime() < drainDeadline) {
            Thread.sleep(200);
        }
        double drain = (System.nanoTime() - sentEnd) / 1e9;
        apiPoller.interrupt();
        reportingPoller.interrupt();
        String loadAfter = loadAverage();

        System.out.println();
        System.out.println("| way | messages | p50 | p90 | p99 | max (ms) |");
        System.out.println("|---|---|---|---|---|---|");
        row("append (commit of MessageSent)", append);
        row("MessageSent → redaction API", api);
        row("MessageSent → reporting chat_messages", reporting);
        System.out.printf("%nmeasured %d; visible in the API %d, in reporting %d; drain after the last append %.1f s; API 429s %d%n",
                expected, api.getTotalCount(), reporting.getTotalCount(), drain, rateLimited.get());
        // What the pipeline delivered: the measured messages over the time from the window's start to the last one visible.
        System.out.printf("delivered: API %.1f messages/s, reporting %.1f messages/s (sent %.1f/s)%n",
                api.getTotalCount() / ((lastApi - measureFrom) / 1e9), reporting.getTotalCount() / ((lastReporting - measureFrom) / 1e9),
                expected / (double) seconds);
        System.out.printf("load average (1, 5, 15 min): before %s, after %s%n", loadBefore, loadAfter);
        System.out.println("redaction service: " + memory("redaction"));
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }

    /** One writer: its share of the rate, one chat at a time, each message appended when its time has come. */
    private void write(EventStore store, int writer, long start, long measureFrom, long stopAt) {
        long interval = TimeUnit.SECONDS.toNanos(1) * writers / rate;
        long next = start + interval * writer / writers;
        ChatLog chat = null;
        int n = 0;
        while (next < stopAt) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (chat == null || n == perChat) {
                chat = new ChatLog(nextChat.incrementAndGet(), perChat);
                chats.put(chat.chatId, chat);
                apiPending.add(chat);
                n = 0;
            }
            String text = TEXTS.get((int) ((chat.chatId + n) % TEXTS.size()));
            Instant now = Instant.now();
            long before = System.nanoTime();
            store.append(PARTNER, StreamId.of("chat", chat.chatId), n, List.of(new MessageSent(chat.chatId, n + 1, 1,
                    "end_user", null, null, "text", text, Map.of(), now, null))).await().atMost(Duration.ofSeconds(60));
            long committed = System.nanoTime();
            boolean measured = next >= measureFrom;
            chat.measured[n] = measured;
            chat.committedAt[n] = committed;
            chat.committed = n + 1;
            if (measured) {
                synchronized (append) {
                    append.recordValue((committed - before) / 1_000);
                }
                measuredSent.incrementAndGet();
            }
            sent.incrementAndGet();
            n++;
            next += interval;
        }
    }

    /** Every chat with committed messages not yet shown by the API: asked for what comes after those shown. */
    private void pollApi() {
        long tokenAt = System.nanoTime();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                long round = System.nanoTime();
                if (round - tokenAt > TimeUnit.MINUTES.toNanos(2)) {
                    refreshToken();
                    tokenAt = round;
                }
                int asked = 0;
                for (ChatLog chat : apiPending) {
                    int committed = chat.committed;
                    if (chat.seenApi >= committed) {
                        if (committed == perChat) {
                            apiPending.remove(chat);
                        }
                        continue;
                    }
                    if (asked++ == apiChats) {
                        break; // the oldest chats first: a chat's messages are redacted in order, the chats roughly so
                    }
                    int shown = newlyShown(chat);
                    if (shown < 0) {
                        rateLimited.incrementAndGet();
                        TimeUnit.SECONDS.sleep(1);
                        break;
                    }
                    long now = System.nanoTime();
                    for (int i = chat.seenApi; i < Math.min(chat.seenApi + shown, committed); i++) {
                        if (chat.measured[i]) {
                            api.recordValue(Math.max(0, now - chat.committedAt[i]) / 1_000);
                            lastApi = now;
                        }
                    }
                    chat.seenApi = Math.min(chat.seenApi + shown, committed);
                }
                long wait = round + TimeUnit.MILLISECONDS.toNanos(pollMillis) - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            e.printStackTrace();
        }
    }

    /** How many messages of the chat the API shows after those already seen. */
    private int newlyShown(ChatLog chat) throws Exception {
        URI uri = stack.uri("redaction").resolve("/KoopidPartnerServer/api/APIEndpoint/Dashboard/" + PARTNER
                + "/RedactedMessages?customersessionid=" + chat.chatId + "&offset=" + chat.seenApi + "&limit=1000");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 429) {
            return -1;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + ": " + response.statusCode() + " " + response.body());
        }
        JsonNode sessions = JSON.readTree(response.body());
        return sessions.isEmpty() ? 0 : sessions.get(0).path("messages").size();
    }

    /** One count per poll over the chats with messages reporting does not show yet. */
    private void pollReporting() {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("reporting"), "reporting", stack.databasePassword("reporting"));
             PreparedStatement s = c.prepareStatement("SELECT chat_id, count(*) FROM chat_messages WHERE partner_id = ?"
                     + " AND chat_id = ANY (?) GROUP BY chat_id")) {
            while (!Thread.currentThread().isInterrupted()) {
                long round = System.nanoTime();
                List<ChatLog> waiting = chats.values().stream().filter(chat -> chat.seenReporting < chat.committed).toList();
                if (!waiting.isEmpty()) {
                    s.setString(1, PARTNER);
                    s.setArray(2, c.createArrayOf("bigint", waiting.stream().map(chat -> chat.chatId).toArray()));
                    try (ResultSet rs = s.executeQuery()) {
                        long now = System.nanoTime();
                        while (rs.next()) {
                            ChatLog chat = chats.get(rs.getLong(1));
                            int visible = Math.min(rs.getInt(2), chat.committed);
                            for (int i = chat.seenReporting; i < visible; i++) {
                                if (chat.measured[i]) {
                                    reporting.recordValue(Math.max(0, now - chat.committedAt[i]) / 1_000);
                                    lastReporting = now;
                                }
                            }
                            chat.seenReporting = Math.max(chat.seenReporting, visible);
                        }
                    }
                }
                chats.values().removeIf(chat -> chat.committed == perChat && chat.seenReporting == perChat
                        && chat.seenApi == perChat);
                long wait = round + TimeUnit.MILLISECONDS.toNanos(pollMillis) - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            e.printStackTrace();
        }
    }

    private static Thread started(String name, boolean daemon, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(daemon);
        thread.start();
        return thread;
    }

    private void refreshToken() {
        token = keycloak.passwordGrant("sam.supervisor", stack.secret("SWITCHBOARD_DEMO_SAM_SUPERVISOR_PASSWORD")).access();
    }

    private static void row(String way, Histogram h) {
        System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f | %.0f |%n", way, h.getTotalCount(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0);
    }

    /** VmRSS and VmHWM of a component, by the launcher's PID file. */
    private static String memory(String component) {
        try {
            Path pidFile = Stack.stateDir(System.getenv()).resolve("run/" + component + ".pid");
            String pid = Files.readString(pidFile).trim();
            List<String> status = Files.readAllLines(Path.of("/proc/" + pid + "/status"));
            return "pid " + pid + ", " + String.join(", ", status.stream()
                    .filter(line -> line.startsWith("VmRSS") || line.startsWith("VmHWM"))
                    .map(line -> line.replaceAll("\\s+", " ")).toList());
        } catch (Exception e) {
            return "memory unknown (" + e + ")";
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (Exception e) {
            return "?";
        }
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
