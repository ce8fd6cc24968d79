package io.switchboard.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of the simulated contact center: the driver thread asks each script (calls, chats, agents'
 * shifts) for its next command, paces the commands by the events they are expected to cause
 * ({@link Pacer}), keeps at most {@link LoadConfig#maxInFlight()} requests outstanding (JDK HTTP client,
 * asynchronous), records every attempt ({@link CommandLog}) and hands each answer back to its script. New
 * calls and chats start whenever there is pacing credit and few commands queued, so the rate holds
 * whatever the scripts' pauses are. After {@link LoadConfig#duration()} (or {@link #stop()}, or
 * {@link LoadConfig#maxCommands()}) no call or chat starts, the open ones end and the agents log out.
 *
 * <p>A request without an answer (connection refused or reset, a timeout) or answered 429/500/502/503/504
 * is sent again after a pause ({@code Retry-After} for 429, else 100 ms doubling to 2 s) until
 * {@link LoadConfig#windDown()} after its first attempt; the script then learns whether an earlier
 * attempt may have been applied without an answer.
 */
public final class LoadRun implements AutoCloseable {
    private final LoadConfig config;
    private final List<Partner> partners;
    private final Map<String, URI> services = new HashMap<>();
    private final HttpClient http;
    private final ExecutorService httpThreads;
    private final Expectations expectations;
    private final LagTracker lag;
    private final CommandLog log;
    private final EventCounter events;
    private final ManagerApiTail tail;
    private final Rest rest;
    private final Random random;
    private final LinkedBlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread driver;
    private final SimView sim = new SimView();

    // Driver-thread state.
    private final ArrayDeque<Pending> ready = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final Set<Script> scripts = new HashSet<>();
    private Pacer pacer;
    private long now;
    private long timerSeq;
    private int inFlight;
    private boolean windingDown;
    private long windDownDeadline;
    private int partnerTurn;
    private double callEventsStarted;
    private double chatEventsStarted;
    private long chatSeq;
    /**
     * Idempotency keys must be new for every run on the same partners: the load benchmark runs one phase
     * after another with one configuration, and a key seen in an earlier phase with another body is a 422.
     */
    private final String keyScope = Long.toString(System.currentTimeMillis(), 36) + Long.toString(System.nanoTime() & 0xffff, 36);

    // Read by other threads.
    private volatile Stats stats = Stats.EMPTY;
    private long seq;
    private long writesSent;
    private long readsSent;
    private long attempts;
    private long retries;
    private long throttled;
    private long noAnswer;
    private double expectedEvents;
    private long callsStarted;
    private long chatsStarted;
    private int abandoned;
    private long startedNanos;
    private long windDownNanos;
    private long endedNanos;
    private final Map<String, long[]> latencyByKind = new HashMap<>();

    /**
     * Counters of a run so far.
     *
     * @param writesSent     event-writing commands sent (first attempts)
     * @param readsSent      reads sent (chats polled for the router's decision)
     * @param attempts       requests sent, retries included
     * @param retries        attempts that repeated a command
     * @param throttled      answers 429 (rate-limited)
     * @param noAnswer       attempts without an answer (refused, reset, timed out)
     * @param expectedEvents the events the sent commands were expected to cause (the pacing estimate)
     * @param callsStarted   calls that began
     * @param chatsStarted   chats that began
     * @param openScripts    calls, chats and shifts still going
     * @param abandoned      scripts given up at the end of the wind-down
     * @param startedNanos   {@link System#nanoTime()} when the first command was sent
     * @param windDownNanos  when the run stopped starting calls and chats (0: not yet)
     * @param endedNanos     when the last script ended (0: not yet)
     */
    public record Stats(long writesSent, long readsSent, long attempts, long retries, long throttled, long noAnswer,
                        double expectedEvents, long callsStarted, long chatsStarted, int openScripts, int abandoned,
                        long startedNanos, long windDownNanos, long endedNanos) {
        static final Stats EMPTY = new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    LoadRun(Stack stack, LoadConfig config, List<Partner> partners, Rest rest, Map<String, Long> tailCursors,
            Duration tailInterval, List<Partner> probed) {
        this.config = config;
        this.partners = List.copyOf(partners);
        for (String service : List.of("chat", "interaction", "reporting")) {
            services.put(service, Stack.requireLocal(stack.uri(service)));
        }
        this.httpThreads = Executors.newFixedThreadPool(2, daemon("load-http"));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(httpThreads).build();
        this.expectations = new Expectations(partners.stream().map(Partner::id).toList());
        this.lag = new LagTracker(tailInterval == null ? Set.of() : probed.stream().map(Partner::id).collect(java.util.stream.Collectors.toSet()));
        this.log = new CommandLog(config.commandLog());
        this.events = new EventCounter(stack, partners.stream().map(Partner::id).toList());
        this.tail = tailInterval == null ? null : new ManagerApiTail(rest, lag, tailInterval, probed, tailCursors);
        this.rest = rest;
        this.random = new Random(config.seed());
        partners.forEach(Partner::resetRunState);
        this.driver = new Thread(this::drive, "load-driver-" + config.runId());
        this.driver.setDaemon(true);
    }

    LoadRun start() {
        driver.start();
        return this;
    }

    /** Winds the run down now (as at the end of its duration): no new calls or chats, the open ones end. */
    public void stop() {
        stopRequested.set(true);
        completions.offer(Completion.WAKE);
    }

    /** Waits until every call, chat and shift has ended (or the wind-down gave up); true if it did in time. */
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void awaitCompletion() throws InterruptedException {
        finished.await();
    }

    public boolean isFinished() {
        return finished.getCount() == 0;
    }

    /** What the read models must show, so far (complete once the run has finished). */
    public Expectations expected() {
        return expectations.copy();
    }

    public CommandLog commands() {
        return log;
    }

    /** REST write → Manager API lag (filled while the run tails the Manager API). */
    public LagTracker lag() {
        return lag;
    }

    /** The run's rows in the services' event stores. */
    public EventCounter events() {
        return events;
    }

    public Stats stats() {
        return stats;
    }

    public List<Partner> partners() {
        return partners;
    }

    public LoadConfig config() {
        return config;
    }

    /** Mean answer time per command kind, in microseconds, e.g. {@code call.connected → 8120}. */
    public synchronized Map<String, Long> meanMicrosByKind() {
        Map<String, Long> means = new java.util.TreeMap<>();
        latencyByKind.forEach((kind, sumAndCount) -> means.put(kind, sumAndCount[0] / Math.max(1, sumAndCount[1])));
        return means;
    }

    /**
     * Waits until the Manager API shows every acknowledged write of the lag window (the run goes on reading
     * the change feeds after its last command until {@link #close()}). Writes the feed has not delivered
     * after 10 s without progress are looked up directly ({@code GET /calls?id[]=…}): those shown are
     * counted as {@link LagTracker#missedByFeed()}. True if everything is visible within {@code patience}.
     */
    public boolean awaitVisible(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        long lastProgress = System.nanoTime();
        long pending = lag.pending();
        while (pending > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
            long now = lag.pending();
            if (now < pending) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > 10_000_000_000L) {
                lookUpDirectly();
                lastProgress = System.nanoTime();
            }
            pending = lag.pending();
        }
        return true;
    }

    private void lookUpDirectly() {
        Map<String, Partner> byId = new HashMap<>();
        partners.forEach(p -> byId.put(p.id(), p));
        Map<String, List<LagTracker.Pending>> groups = new HashMap<>();
        for (LagTracker.Pending p : lag.pendingWrites()) {
            groups.computeIfAbsent(p.partnerId() + "/" + p.type(), k -> new ArrayList<>()).add(p);
        }
        groups.forEach((key, list) -> {
            Partner partner = byId.get(list.get(0).partnerId());
            String type = list.get(0).type();
            List<Long> ids = list.stream().map(LagTracker.Pending::id).distinct().limit(100).toList();
            String query = ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
            Rest.Response page = rest.send("reporting", "GET", "/manager/api/v1/" + type + "s?per=1000&id%5B%5D=" + query, null,
                    partner.supervisor());
            if (page.status() == 200) {
                for (com.fasterxml.jackson.databind.JsonNode row : page.json()) {
                    lag.shownOutsideFeed(partner.id(), type, row.path("id").asLong(),
                            type.equals("call") ? ManagerApiTail.callMarkers(row) : ManagerApiTail.chatMarkers(row));
                }
            }
        });
    }

    /** Stops reading the Manager API and closes the event counter (after the run has finished or been stopped). */
    @Override
    public void close() {
        stop();
        if (tail != null) {
            tail.close();
        }
        events.close();
    }

    /** Tailing reads of the Manager API made and failed (non-200) so far. */
    public long[] tailReads() {
        return tail == null ? new long[]{0, 0} : new long[]{tail.reads(), tail.failedReads()};
    }

    // ------------------------------------------------------------------ the driver

    private void drive() {
        try {
            now = System.nanoTime();
            startedNanos = now;
            pacer = new Pacer(config.eventsPerSecond(), 0.1, now);
            long deadline = now + config.duration().toNanos();
            for (Partner partner : partners) {
                for (Agent agent : partner.agents()) {
                    begin(new AgentShift(partner, agent));
                }
            }
            while (true) {
                now = System.nanoTime();
                Completion c;
                while ((c = completions.poll()) != null) {
                    handle(c);
                }
                if (!windingDown && (now >= deadline || stopRequested.get() || writesSent >= config.maxCommands())) {
                    beginWindDown();
                }
                if (windingDown && scripts.isEmpty() && inFlight == 0) {
                    break;
                }
                if (windingDown && now > windDownDeadline) {
                    giveUp();
                    break;
                }
                while (!timers.isEmpty() && timers.peek().at <= now) {
                    Timer timer = timers.poll();
                    if (timer.resend != null) {
                        ready.addLast(timer.resend);
                    } else if (scripts.contains(timer.script)) {
                        ask(timer.script);
                    }
                }
                pacer.advance(now);
                dispatchAndStart();
                publishStats();
                long wait = 50_000_000L;
                if (!timers.isEmpty()) {
                    wait = Math.min(wait, timers.peek().at - now);
                }
                if (inFlight < config.maxInFlight() && (!ready.isEmpty() || !windingDown)) {
                    long credit = pacer.nanosUntilCredit();
                    if (credit > 0) {
                        wait = Math.min(wait, credit);
                    }
                }
                if (wait > 0) {
                    Completion next = completions.poll(wait, TimeUnit.NANOSECONDS);
                    if (next != null) {
                        now = System.nanoTime();
                        handle(next);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            expectations.uncertain("the driver failed: " + e);
            throw e;
        } finally {
            endedNanos = System.nanoTime();
            publishStats();
            log.close();
            httpThreads.shutdown();
            finished.countDown();
        }
    }

    private void dispatchAndStart() {
        while (inFlight < config.maxInFlight()) {
            Pending head = ready.peekFirst();
            boolean credit = pacer.mayDispatch();
            if (head != null && (credit || head.command.expectedEvents() == 0)) {
                ready.pollFirst();
                send(head);
                continue;
            }
            // New calls and chats start while there is credit and little queued ahead of them, so that a
            // stream of other commands (agents' status changes, polls) never holds arrivals back.
            if (windingDown || !credit || ready.size() >= readyTarget() || !startOne()) {
                return;
            }
        }
    }

    /** Commands kept queued ahead of dispatch at most before no more calls or chats start. */
    private int readyTarget() {
        return Math.max(2, config.maxInFlight() / 2);
    }

    /** Starts a call or a chat (whichever keeps the events near {@link LoadConfig#chatShare()}) for a partner with room. */
    private boolean startOne() {
        double total = callEventsStarted + chatEventsStarted;
        boolean chatFirst = config.chatShare() >= 1 || config.chatShare() > 0 && (total == 0 || chatEventsStarted / total < config.chatShare());
        for (int k = 0; k < 2; k++) {
            boolean chat = k == 0 ? chatFirst : !chatFirst;
            if (chat && config.chatShare() <= 0 || !chat && config.chatShare() >= 1) {
                continue;
            }
            for (int i = 0; i < partners.size(); i++) {
                Partner partner = partners.get((partnerTurn + i) % partners.size());
                if (chat && partner.activeChats < config.chatAgents() * 2) {
                    partnerTurn = (partnerTurn + i + 1) % partners.size();
                    ChatScript.Plan plan = ChatScript.Plan.draw(random);
                    chatEventsStarted += plan.expectedEvents();
                    chatsStarted++;
                    begin(new ChatScript(partner, plan, "load-" + config.runId() + "-" + keyScope + "-c" + (++chatSeq) + "-"));
                    return true;
                }
                if (!chat && partner.activeCalls < config.voiceAgents() * 3 / 2) {
                    partnerTurn = (partnerTurn + i + 1) % partners.size();
                    CallScript.Plan plan = CallScript.Plan.draw(random);
                    callEventsStarted += plan.expectedEvents();
                    callsStarted++;
                    begin(new CallScript(partner, plan));
                    return true;
                }
            }
        }
        return false;
    }

    private void begin(Script script) {
        scripts.add(script);
        ask(script);
    }

    private void ask(Script script) {
        Script.Step step = script.next(sim);
        if (step instanceof Script.Send send) {
            ready.addLast(new Pending(script, send.command()));
        } else if (step instanceof Script.Sleep sleep) {
            timers.add(new Timer(Math.max(sleep.untilNanos(), now), timerSeq++, script, null));
        } else {
            scripts.remove(script);
        }
    }

    private void send(Pending pending) {
        Command command = pending.command;
        pending.attempt++;
        if (pending.attempt == 1) {
            if (command.writes()) {
                writesSent++;
                expectedEvents += command.expectedEvents();
            } else {
                readsSent++;
            }
            pacer.spend(command.expectedEvents());
        } else {
            retries++;
        }
        attempts++;
        HttpRequest.Builder request = HttpRequest.newBuilder(services.get(command.service()).resolve(command.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + command.as().bearer())
                .header("Accept", "application/json");
        if (command.body() != null) {
            request.header("Content-Type", "application/json");
        }
        if (command.idempotencyKey() != null) {
            request.header("Idempotency-Key", command.idempotencyKey());
        }
        request.method(command.method(), command.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(command.body()));
        long sent = System.nanoTime();
        if (pending.firstSent == 0) {
            pending.firstSent = sent;
        }
        Instant sentAt = Instant.now();
        long mySeq = ++seq;
        inFlight++;
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) ->
                completions.offer(new Completion(pending, mySeq, sentAt, sent, System.nanoTime(),
                        response == null ? -1 : response.statusCode(), response == null ? null : response.body(),
                        response == null ? null : response.headers().firstValue("Retry-After").orElse(null), error)));
    }

    private void handle(Completion c) {
        if (c == Completion.WAKE) {
            return;
        }
        inFlight--;
        Pending pending = c.pending;
        Command command = pending.command;
        String body = c.body;
        log.add(new CommandRecord(c.seq, command.kind(), command.partnerId(), command.as().username(), command.method(),
                command.service() + " " + command.path(), command.body(), c.status,
                body == null ? null : body.length() > config.responseChars() ? body.substring(0, config.responseChars()) : body,
                c.sentAt, (c.answered - c.sent) / 1000, pending.attempt, c.error == null ? null : c.error.toString()));
        synchronized (this) {
            long[] sumAndCount = latencyByKind.computeIfAbsent(command.kind(), k -> new long[2]);
            sumAndCount[0] += (c.answered - c.sent) / 1000;
            sumAndCount[1]++;
        }
        Answer answer = new Answer(c.status, body, c.retryAfter, c.error, c.sent, c.answered, pending.attempt, pending.uncertain);
        if (c.status == 429) {
            throttled++;
        }
        if (c.status == -1) {
            noAnswer++;
        }
        if (answer.retryable() && now - pending.firstSent < config.windDown().toNanos()) {
            pending.uncertain |= answer.uncertain();
            timers.add(new Timer(now + backoff(answer, pending.attempt), timerSeq++, pending.script, pending));
            return;
        }
        Script script = pending.script;
        script.answered(command, answer, sim);
        if (script.done()) {
            scripts.remove(script);
            return;
        }
        Script.Sleep pause = script.pauseAfterAnswer(sim);
        if (windingDown || pause.untilNanos() <= now) {
            ask(script);
        } else {
            timers.add(new Timer(pause.untilNanos(), timerSeq++, script, null));
        }
    }

    static long backoff(Answer answer, int attempt) {
        if (answer.status() == 429 && answer.retryAfter() != null) {
            try {
                return Math.max(100_000_000L, (long) (Double.parseDouble(answer.retryAfter().trim()) * 1e9));
            } catch (NumberFormatException ignored) {
                // an HTTP date: use the back-off below
            }
        }
        return Math.min(2_000_000_000L, 100_000_000L << Math.min(5, attempt - 1));
    }

    private void beginWindDown() {
        windingDown = true;
        windDownNanos = now;
        windDownDeadline = now + config.windDown().toNanos();
        // Everyone sleeping is asked again at once: calls and chats end, agents log out.
        List<Timer> all = new ArrayList<>(timers);
        timers.clear();
        for (Timer timer : all) {
            timers.add(timer.resend != null ? timer : new Timer(now, timer.seq, timer.script, null));
        }
    }

    private void giveUp() {
        for (Script script : new ArrayList<>(scripts)) {
            script.abandoned(sim);
            abandoned++;
        }
        scripts.clear();
    }

    private void publishStats() {
        stats = new Stats(writesSent, readsSent, attempts, retries, throttled, noAnswer, expectedEvents, callsStarted,
                chatsStarted, scripts.size(), abandoned, startedNanos, windDownNanos, isDriverDone() ? endedNanos : 0);
    }

    private boolean isDriverDone() {
        return endedNanos != 0;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static final class Pending {
        final Script script;
        final Command command;
        int attempt;
        long firstSent;
        boolean uncertain;

        Pending(Script script, Command command) {
            this.script = script;
            this.command = command;
        }
    }

    private record Timer(long at, long seq, Script script, Pending resend) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(at, other.at);
            return byTime != 0 ? byTime : Long.compare(seq, other.seq);
        }
    }

    private record Completion(Pending pending, long seq, Instant sentAt, long sent, long answered, int status, String body,
                              String retryAfter, Throwable error) {
        static final Completion WAKE = new Completion(null, 0, null, 0, 0, 0, null, null, null);
    }

    private final class SimView implements Sim {
        @Override
        public long now() {
            return now;
        }

        @Override
        public boolean windingDown() {
            return windingDown;
        }

        @Override
        public Random random() {
            return random;
        }

        @Override
        public LoadConfig config() {
            return config;
        }

        @Override
        public Expectations expectations() {
            return expectations;
        }

        @Override
        public LagTracker lag() {
            return lag;
        }
    }
}
