package io.switchboard.bench;

import io.switchboard.bench.load.ContactCenter;
import io.switchboard.bench.load.EventCounter;
import io.switchboard.bench.load.Expectations;
import io.switchboard.bench.load.LoadConfig;
import io.switchboard.bench.load.LoadRun;
import io.switchboard.bench.load.ReadModelCheck;
import io.switchboard.bench.load.Stack;
import io.switchboard.bench.load.StackCpu;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole way from REST to the Manager API on the running local stack ({@code deploy/local/switchboard
 * up}), driven by the load generator ({@code bench/load}): for each target rate, the commands/s and the
 * events/s the stack sustained (events counted in the services' event stores, not estimated), and the lag
 * from sending a write to the first Manager API read that shows it (p50/p90/p99/max); then {@code pgbench}
 * single-row inserts on the same PostgreSQL at the same concurrency (a throwaway database, dropped
 * afterwards) and the ratio. Beside each figure: the load average, the machine's idle and stolen CPU and
 * the CPU each component of the stack used during the measurement.
 *
 * <p>Knobs (environment): {@code BENCH_RATES} (events/s per phase, {@code max} = as fast as
 * {@code BENCH_IN_FLIGHT} requests allow; default {@code 1000,max}), {@code BENCH_SECONDS} (60, measured),
 * {@code BENCH_WARMUP_SECONDS} (15, run but not measured), {@code BENCH_PARTNERS} (8),
 * {@code BENCH_VOICE_AGENTS} (20), {@code BENCH_CHAT_AGENTS} (15), {@code BENCH_SYSTEM_CREDENTIALS} (4),
 * {@code BENCH_IN_FLIGHT} (32, also pgbench's client count), {@code BENCH_PGBENCH_SECONDS} (30),
 * {@code BENCH_PGBENCH} (the binary, default {@code /usr/lib/postgresql/15/bin/pgbench}),
 * {@code BENCH_CHECK} (true: compare the Manager API with the run's expectations after each phase),
 * {@code BENCH_IDLE_SECONDS} (20: the stack's CPU without load, measured first and subtracted from the cost per event). The
 * stack's ports come from the launcher's variables, its secrets and PIDs from {@code SWITCHBOARD_STATE}
 * (default {@code .state}).
 */
public final class EndToEndLoadBenchmark {
    /** CPU of the stack without load, measured before the phases (subtracted for the cost per event). */
    private static Cpu.Delta idle;
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private EndToEndLoadBenchmark() {
    }

    record Phase(String target, double seconds, long writes, long reads, double expectedEvents, long events,
                 Map<String, Long> eventsPerDatabase, Histogram lagMicros, long notSeen, double drainSeconds,
                 long throttled, long noAnswer, long retries, int mismatches, int uncertain, Cpu.Delta cpu,
                 String loadBefore, String loadAfter, long missedByFeed) {
        double eventsPerSecond() {
            return events / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> rates = List.of(env("BENCH_RATES", "1000,max").split(","));
        int seconds = Integer.parseInt(env("BENCH_SECONDS", "60"));
        int warmup = Integer.parseInt(env("BENCH_WARMUP_SECONDS", "15"));
        int inFlight = Integer.parseInt(env("BENCH_IN_FLIGHT", "32"));
        int pgSeconds = Integer.parseInt(env("BENCH_PGBENCH_SECONDS", "30"));
        boolean check = Boolean.parseBoolean(env("BENCH_CHECK", "true"));
        LoadConfig config = LoadConfig.defaults()
                .partners(Integer.parseInt(env("BENCH_PARTNERS", "8")))
                .voiceAgents(Integer.parseInt(env("BENCH_VOICE_AGENTS", "20")))
                .chatAgents(Integer.parseInt(env("BENCH_CHAT_AGENTS", "15")))
                .systemCredentials(Integer.parseInt(env("BENCH_SYSTEM_CREDENTIALS", "4")))
                .maxInFlight(inFlight);
        Stack stack = Stack.fromEnvironment();
        Path state = Stack.stateDir(System.getenv());
        System.out.printf("End-to-end load benchmark %s, %s UTC, %d cores, load %s%n", config.runId(), Instant.now(),
                Runtime.getRuntime().availableProcessors(), Cpu.loadAverage());
        System.out.printf("%d partners × (%d voice + %d chat agents, %d system users); %d requests in flight; phases %s: %d s warm-up + %d s measured%n",
                config.partners(), config.voiceAgents(), config.chatAgents(), config.systemCredentials(), inFlight, rates,
                warmup, seconds);
        List<Phase> phases = new ArrayList<>();
        long setupStarted = System.nanoTime();
        try (ContactCenter center = ContactCenter.setUp(stack, config)) {
            System.out.printf("set up in %.1f s%n", (System.nanoTime() - setupStarted) / 1e9);
            int idleSeconds = Integer.parseInt(env("BENCH_IDLE_SECONDS", "20"));
            Cpu idleFrom = Cpu.now(state);
            Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds));
            idle = Cpu.now(state).since(idleFrom);
            System.out.printf("idle for %d s first (%% of one core): %s; machine: %s; load %s%n", idleSeconds, idle.components(),
                    idle.machineText(), Cpu.loadAverage());
            for (String rate : rates) {
                double target = rate.trim().equals("max") ? Double.POSITIVE_INFINITY : Double.parseDouble(rate.trim());
                Phase phase = phase(center, config.eventsPerSecond(target).duration(Duration.ofSeconds(warmup + seconds))
                        .seed(config.seed() + phases.size()), rate.trim(), warmup, seconds, state, check);
                phases.add(phase);
                print(phase);
            }
        }
        System.out.printf("%npgbench: single-row INSERTs (an event-sized jsonb row, autocommit) on the stack's PostgreSQL, %d clients, %d s … ",
                inFlight, pgSeconds);
        Cpu before = Cpu.now(state);
        double pgTps = pgbench(stack, state, inFlight, pgSeconds);
        Cpu.Delta pgCpu = Cpu.now(state).since(before);
        System.out.printf(Locale.ROOT, "%.0f inserts/s (load %s; %s)%n", pgTps, Cpu.loadAverage(), pgCpu.machineText());
        System.out.println();
        System.out.println("| phase | events/s | commands/s | lag p50 | p90 | p99 | max (ms) | drain | 429 | pgbench inserts/s | events/s ÷ pgbench | load 1-min before → after |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Phase p : phases) {
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %s | %s | %s | %s | %.1f s | %d | %,.0f | %.1f %% | %s → %s |%n",
                    p.target(), p.eventsPerSecond(), p.writes() / p.seconds(), ms(p.lagMicros(), 50), ms(p.lagMicros(), 90),
                    ms(p.lagMicros(), 99), ms(p.lagMicros(), 100), p.drainSeconds(), p.throttled(), pgTps,
                    100 * p.eventsPerSecond() / pgTps, p.loadBefore().split(" ")[0], p.loadAfter().split(" ")[0]);
        }
    }

    private static Phase phase(ContactCenter center, LoadConfig config, String target, int warmup, int seconds, Path state,
                               boolean check) throws Exception {
        System.out.printf("%n--- target %s events/s ---%n", target);
        long started = System.nanoTime();
        LoadRun run = center.start(config);
        long windowStart = started + TimeUnit.SECONDS.toNanos(warmup);
        long windowEnd = windowStart + TimeUnit.SECONDS.toNanos(seconds);
        run.lag().window(windowStart, windowEnd);
        sleepUntil(windowStart);
        EventCounter.Counts from = run.events().count();
        LoadRun.Stats statsFrom = run.stats();
        Cpu cpuFrom = Cpu.now(state);
        String loadBefore = Cpu.loadAverage();
        for (long t = windowStart + TimeUnit.SECONDS.toNanos(10); t < windowEnd; t += TimeUnit.SECONDS.toNanos(10)) {
            sleepUntil(t);
            Histogram lag = run.lag().micros();
            System.out.printf(Locale.ROOT, "  %3.0f s: %,d events, lag p50 %s p99 %s ms, open %d, load %s%n",
                    (System.nanoTime() - windowStart) / 1e9, run.events().count().total() - from.total(), ms(lag, 50), ms(lag, 99),
                    run.stats().openScripts(), Cpu.loadAverage());
        }
        sleepUntil(windowEnd);
        EventCounter.Counts to = run.events().count();
        LoadRun.Stats statsTo = run.stats();
        Cpu.Delta cpu = Cpu.now(state).since(cpuFrom);
        String loadAfter = Cpu.loadAverage();
        double measured = (to.readNanos() - from.readNanos()) / 1e9;
        run.awaitCompletion();
        // Every write of the window visible in the Manager API: how long after the window that took.
        boolean allVisible = run.awaitVisible(Duration.ofSeconds(120));
        double drain = Math.max(0, (System.nanoTime() - windowEnd) / 1e9);
        if (!allVisible) {
            System.out.println("  not visible after 120 s: " + run.lag().pendingMarkers(10));
        }
        int mismatches = 0;
        Expectations expected = run.expected();
        if (check) {
            List<ReadModelCheck.Mismatch> differences = center.check().await(expected, Duration.ofSeconds(90));
            mismatches = differences.size();
            System.out.printf("  Manager API vs the run's expectations (%s): %s%n", expected,
                    differences.isEmpty() ? "all match" : differences.size() + " differences " + ReadModelCheck.summary(differences));
            differences.stream().limit(5).forEach(d -> System.out.println("    " + d));
        }
        Map<String, Map<Integer, Long>> statuses = run.commands().statusesByKind();
        System.out.println("  answers: " + statuses);
        System.out.println("  mean answer (µs): " + run.meanMicrosByKind());
        Phase phase = new Phase(target, measured, statsTo.writesSent() - statsFrom.writesSent(),
                statsTo.readsSent() - statsFrom.readsSent(), statsTo.expectedEvents() - statsFrom.expectedEvents(),
                to.total() - from.total(), difference(from.perDatabase(), to.perDatabase()), run.lag().micros(),
                run.lag().pending(), drain, statsTo.throttled() - statsFrom.throttled(), statsTo.noAnswer() - statsFrom.noAnswer(),
                statsTo.retries() - statsFrom.retries(), mismatches, expected.uncertain().size(), cpu, loadBefore, loadAfter,
                run.lag().missedByFeed());
        run.close();
        return phase;
    }

    private static void print(Phase p) {
        System.out.printf(Locale.ROOT, "  measured %.1f s: %,.0f events/s (%s), %,.0f commands/s, %,.0f reads/s; pacing expected %,.0f events/s%n",
                p.seconds(), p.eventsPerSecond(), p.eventsPerDatabase(), p.writes() / p.seconds(), p.reads() / p.seconds(),
                p.expectedEvents() / p.seconds());
        System.out.printf(Locale.ROOT, "  REST write → Manager API: %,d writes, p50 %s, p90 %s, p99 %s, max %s ms; %d not seen; all visible %.1f s after the window; %d shown by a direct read but never by the change feed%n",
                p.lagMicros().getTotalCount(), ms(p.lagMicros(), 50), ms(p.lagMicros(), 90), ms(p.lagMicros(), 99),
                ms(p.lagMicros(), 100), p.notSeen(), p.drainSeconds(), p.missedByFeed());
        System.out.printf("  429: %d, no answer: %d, retries: %d, uncertain: %d, Manager API differences: %d%n",
                p.throttled(), p.noAnswer(), p.retries(), p.uncertain(), p.mismatches());
        System.out.printf("  CPU during the window (%% of one core): %s%n  machine: %s; load %s → %s%n", p.cpu().components(),
                p.cpu().machineText(), p.loadBefore(), p.loadAfter());
        double raw = p.cpu().stackMillis() / Math.max(1, p.events());
        double beyond = (p.cpu().stackMillis() - idle.stackMillis() * p.cpu().seconds() / idle.seconds()) / Math.max(1, p.events());
        System.out.printf(Locale.ROOT, "  CPU per event: %s; stack and generator %.2f ms/event%n", p.cpu().perEventBeyond(null, p.events()), raw);
        System.out.printf(Locale.ROOT, "  beyond the idle stack's CPU (meaningful on a quiet machine only: under contention a busy-polling component"
                + " gets less CPU than it burns idle): %s; together %.2f ms/event%n", p.cpu().perEventBeyond(idle, p.events()), beyond);
    }

    /** pgbench's inserts/s: a throwaway database on the stack's PostgreSQL (as its superuser, over its socket), dropped after. */
    static double pgbench(Stack stack, Path state, int clients, int seconds) throws IOException, InterruptedException {
        String binary = env("BENCH_PGBENCH", "/usr/lib/postgresql/15/bin/pgbench");
        String psql = Path.of(binary).resolveSibling("psql").toString();
        String socket = state.resolve("postgres/socket").toString();
        String port = String.valueOf(stack.ports().get("postgres"));
        String db = "bench_pgbench_" + Long.toString(System.nanoTime(), 36);
        Path script = Files.createTempFile("pgbench-insert", ".sql");
        // One event-sized row per transaction, as an append of one event: ~400 bytes of envelope.
        String payload = "{\"id\": \"c0a8e7b2-3f1e-4c2a-9a57-6f0e4f1d2b3c\", \"type\": \"AgentStatusChanged\", \"version\": 1, "
                + "\"stream\": {\"id\": \"agent-1001\", \"type\": \"agent\"}, \"sequence\": 1, \"partner_id\": \"load-bench-p1\", "
                + "\"occurred_at\": \"2026-12-06T01:25:10.349Z\", \"data\": {\"agentId\": 1001, \"previousStatus\": \"available\", "
                + "\"status\": \"in_call\", \"reason\": null, \"changedAt\": \"2026-12-06T01:25:10.349Z\"}}";
        Files.writeString(script, "INSERT INTO event_rows (stream_id, version, event_type, partner_id, payload) VALUES "
                + "('agent-' || :client_id, :client_id, 'AgentStatusChanged', 'load-bench-p1', '" + payload + "');\n",
                StandardCharsets.UTF_8);
        run(List.of(psql, "-h", socket, "-p", port, "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-c", "CREATE DATABASE " + db, "postgres"));
        try {
            run(List.of(psql, "-h", socket, "-p", port, "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-c",
                    "CREATE TABLE event_rows (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream_id text NOT NULL, "
                            + "version bigint NOT NULL, event_type text NOT NULL, partner_id text NOT NULL, payload jsonb NOT NULL, "
                            + "recorded_at timestamptz NOT NULL DEFAULT now())", db));
            String out = run(List.of(binary, "-n", "-c", String.valueOf(clients), "-j", "2", "-T", String.valueOf(seconds),
                    "-f", script.toString(), "-h", socket, "-p", port, "-U", "postgres", db));
            Matcher m = TPS.matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("no tps in pgbench's output:\n" + out);
            }
            return Double.parseDouble(m.group(1));
        } finally {
            run(List.of(psql, "-h", socket, "-p", port, "-U", "postgres", "-c", "DROP DATABASE IF EXISTS " + db, "postgres"));
            Files.deleteIfExists(script);
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    private static Map<String, Long> difference(Map<String, Long> from, Map<String, Long> to) {
        Map<String, Long> d = new LinkedHashMap<>();
        to.forEach((k, v) -> d.put(k, v - from.getOrDefault(k, 0L)));
        return d;
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    static String ms(Histogram micros, double percentile) {
        if (micros.getTotalCount() == 0) {
            return "–";
        }
        long value = percentile >= 100 ? micros.getMaxValue() : micros.getValueAtPercentile(percentile);
        return String.format(Locale.ROOT, "%.0f", value / 1000.0);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * CPU used by each component of the stack (the launcher's PID files; PostgreSQL: the postmaster and
     * all its children), this JVM (the generator), everything else on the machine ("other": the machine's
     * busy time minus those), and the machine's idle and stolen time (/proc/stat).
     */
    record Cpu(long nanos, Map<String, Long> ticks, long[] machine) {
        private static final long TICK_NANOS = 10_000_000L; // USER_HZ = 100

        static Cpu now(Path state) {
            Map<String, Long> ticks = new TreeMap<>();
            try {
                StackCpu cpu = new StackCpu(state.resolve("run"), StackCpu.clockTicks());
                Map<String, Integer> roots = new LinkedHashMap<>(cpu.roots());
                roots.put("generator", (int) ProcessHandle.current().pid());
                cpu.sample(roots).forEach((component, sample) -> ticks.put(component, sample.ticks()));
            } catch (IOException e) {
                // /proc unreadable: no per-component figures, the machine's still
            }
            return new Cpu(System.nanoTime(), ticks, StackCpu.machine());
        }

        record Delta(double seconds, Map<String, Long> ticks, long[] machine) {
            String components() {
                StringBuilder out = new StringBuilder();
                ticks.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).forEach(e -> {
                    if (e.getValue() > 0) {
                        out.append(out.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                                .append(String.format(Locale.ROOT, "%.0f %%", 100.0 * e.getValue() * TICK_NANOS / 1e9 / seconds));
                    }
                });
                return out.toString();
            }

            /** CPU milliseconds of the stack's components and the generator (not "other"). */
            double stackMillis() {
                return ticks.entrySet().stream().filter(e -> !e.getKey().equals("other"))
                        .mapToLong(Map.Entry::getValue).sum() * TICK_NANOS / 1e6;
            }

            /** Per component: CPU milliseconds per event (above what it used idle, scaled to this window, unless idle is null). */
            String perEventBeyond(Delta idle, long events) {
                Map<String, Double> beyond = new TreeMap<>();
                ticks.forEach((name, t) -> {
                    if (!name.equals("other")) {
                        double idleTicks = idle == null ? 0 : idle.ticks().getOrDefault(name, 0L) * seconds / idle.seconds();
                        beyond.put(name, (t - idleTicks) * TICK_NANOS / 1e6 / Math.max(1, events));
                    }
                });
                StringBuilder out = new StringBuilder();
                beyond.entrySet().stream().filter(e -> Math.abs(e.getValue()) >= 0.005)
                        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).forEach(e ->
                                out.append(out.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                                        .append(String.format(Locale.ROOT, "%.2f ms", e.getValue())));
                return out.toString();
            }

            String machineText() {
                return String.format(Locale.ROOT, "busy %.2f, idle %.2f, stolen %.2f cores", machine[0] * TICK_NANOS / 1e9 / seconds,
                        machine[1] * TICK_NANOS / 1e9 / seconds, machine[2] * TICK_NANOS / 1e9 / seconds);
            }
        }

        Delta since(Cpu before) {
            Map<String, Long> d = new TreeMap<>();
            ticks.forEach((k, v) -> d.put(k, v - before.ticks.getOrDefault(k, 0L)));
            long[] m = new long[3];
            for (int i = 0; i < 3; i++) {
                m[i] = machine[i] - before.machine[i];
            }
            // Everything else on the machine (other engineers' builds, the kernel): busy minus the named.
            d.put("other", Math.max(0, m[0] - d.values().stream().mapToLong(Long::longValue).sum()));
            return new Delta((nanos - before.nanos) / 1e9, d, m);
        }

        static String loadAverage() {
            return StackCpu.loadAverage();
        }
    }
}
