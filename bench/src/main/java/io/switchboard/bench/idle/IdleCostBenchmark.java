package io.switchboard.bench.idle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.bench.load.Stack;
import io.switchboard.bench.load.StackCpu;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * What the running local stack ({@code deploy/local/switchboard up}) costs when nobody uses it, and how
 * late a write shows in the Manager API — in one run, so that the trade-off between the two is visible.
 *
 * <ol>
 *   <li>Idle: after {@code IDLE_SETTLE_SECONDS} (15) of quiet, the CPU time of every component of this
 *       stack over {@code IDLE_SECONDS} (60), from /proc ({@link StackCpu}: the PIDs of
 *       {@code $SWITCHBOARD_STATE/run}, with their child processes — all of PostgreSQL's), as % of one
 *       core, per component and in total. Nothing is sent to the stack meanwhile; its own work
 *       (heartbeats, consumer polls, Debezium's loops, Keycloak, the JIT) is what is measured.</li>
 *   <li>Lag: {@code LAG_SAMPLES} (200) probes ({@link LagProbe}: a REST write to interaction until a
 *       Manager API read of reporting shows it, read every {@code LAG_POLL_MS} = 10 ms), one at a time
 *       with random gaps of {@code LAG_GAP_MS} (250) on average — a low rate — with the components' CPU
 *       while probing.</li>
 * </ol>
 * Printed with the machine's load average and steal time (other guests and other engineers' stacks share
 * the cores: the lag, unlike the per-process CPU, depends on them). {@code IDLE_LABEL} (default
 * {@code run}) saves the figures to {@code $SWITCHBOARD_STATE/bench/idle-<label>.properties};
 * {@code IDLE_COMPARE=<label>} prints an earlier run's figures beside this one's (e.g. the stack with its
 * former settings, bench/README.md). {@code IDLE_DETAIL=true} also prints the busiest threads of each JVM
 * and PostgreSQL's processes. Ports: the launcher's variables ({@code SWITCHBOARD_CONNECT_PORT},
 * {@code KEYCLOAK_PORT}, {@code SWITCHBOARD_INTERACTION_PORT}, {@code SWITCHBOARD_REPORTING_PORT}).
 */
public final class IdleCostBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> LAG_ROWS = Map.of(
            "write.p50", "write p50", "write.p99", "write p99",
            "topic.p50", "on the topic p50", "topic.p99", "on the topic p99",
            "visible.p50", "visible p50", "visible.p90", "visible p90", "visible.p99", "visible p99", "visible.max", "visible max");

    public static void main(String[] args) throws Exception {
        Path state = Path.of(env("SWITCHBOARD_STATE", ".state")).toAbsolutePath();
        int idleSeconds = Integer.parseInt(env("IDLE_SECONDS", "60"));
        int settleSeconds = Integer.parseInt(env("IDLE_SETTLE_SECONDS", "15"));
        int samples = Integer.parseInt(env("LAG_SAMPLES", "200"));
        int pollMillis = Integer.parseInt(env("LAG_POLL_MS", "10"));
        int gapMillis = Integer.parseInt(env("LAG_GAP_MS", "250"));
        boolean detail = Boolean.parseBoolean(env("IDLE_DETAIL", "false"));
        String label = env("IDLE_LABEL", "run");
        String compare = System.getenv("IDLE_COMPARE");

        StackCpu cpu = new StackCpu(state.resolve("run"), StackCpu.clockTicks());
        Map<String, Integer> roots = cpu.roots();
        if (roots.isEmpty()) {
            throw new IllegalStateException("no running component in " + state.resolve("run") + ": is the stack up?");
        }
        Properties result = new Properties();
        result.setProperty("label", label);
        result.setProperty("at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        result.setProperty("components", String.join(",", roots.keySet()));
        settings(result);
        System.out.printf("Idle cost of the stack in %s (%s): %s%n", state, label, String.join(", ", roots.keySet()));
        System.out.printf("settings: %s%n", result.getProperty("settings"));

        // --- idle ------------------------------------------------------------------------------------
        System.out.printf("settling %d s, then measuring %d s idle …%n", settleSeconds, idleSeconds);
        Thread.sleep(settleSeconds * 1000L);
        Window idle = Window.open(cpu, roots, detail);
        Thread.sleep(idleSeconds * 1000L);
        idle.close(cpu, roots, result, "idle");
        if (detail) {
            idle.printDetail(cpu);
        }

        // --- lag -------------------------------------------------------------------------------------
        if (samples > 0) {
            LagProbe probe = new LagProbe(Stack.fromEnvironment(), "127.0.0.1:" + env("SWITCHBOARD_KAFKA_PORT", "9092"));
            System.out.printf("lag: %d probes (after 10 not counted), a read every %d ms, gaps of %d ms on average …%n",
                    samples, pollMillis, gapMillis);
            probe.prepare();
            probe.run(10, pollMillis, Duration.ofMillis(gapMillis), new Histogram(3), new Histogram(3), new Histogram(3));
            Histogram write = new Histogram(3);
            Histogram topic = new Histogram(3);
            Histogram visible = new Histogram(3);
            Window probing = Window.open(cpu, roots, false);
            probe.run(samples, pollMillis, Duration.ofMillis(gapMillis), write, topic, visible);
            probing.close(cpu, roots, result, "probe");
            result.setProperty("lag.samples", Integer.toString(samples));
            result.setProperty("lag.poll.ms", Integer.toString(pollMillis));
            result.setProperty("lag.write.p50", ms(write.getValueAtPercentile(50)));
            result.setProperty("lag.write.p99", ms(write.getValueAtPercentile(99)));
            result.setProperty("lag.topic.p50", ms(topic.getValueAtPercentile(50)));
            result.setProperty("lag.topic.p99", ms(topic.getValueAtPercentile(99)));
            result.setProperty("lag.visible.p50", ms(visible.getValueAtPercentile(50)));
            result.setProperty("lag.visible.p90", ms(visible.getValueAtPercentile(90)));
            result.setProperty("lag.visible.p99", ms(visible.getValueAtPercentile(99)));
            result.setProperty("lag.visible.max", ms(visible.getMaxValue()));
        }

        Path saved = state.resolve("bench/idle-" + label + ".properties");
        Files.createDirectories(saved.getParent());
        try (Writer out = Files.newBufferedWriter(saved)) {
            result.store(out, "IdleCostBenchmark");
        }
        Properties before = null;
        if (compare != null && !compare.isBlank()) {
            Path earlier = state.resolve("bench/idle-" + compare + ".properties");
            before = new Properties();
            try (Reader in = Files.newBufferedReader(earlier)) {
                before.load(in);
            }
        }
        print(result, before);
        System.out.printf("%nsaved to %s%n", saved);
        System.exit(0);
    }

    /** CPU of every component over a window, and the machine's load around it. */
    private static final class Window {
        final Map<String, StackCpu.Sample> start;
        final long[] machine;
        final String load;
        final long nanos = System.nanoTime();
        final Map<Integer, Map<Integer, StackCpu.ThreadTicks>> threads = new HashMap<>();
        Map<String, StackCpu.Sample> end;
        double seconds;
        final Map<Integer, Map<Integer, StackCpu.ThreadTicks>> threadsEnd = new HashMap<>();

        private Window(Map<String, StackCpu.Sample> start, long[] machine, String load) {
            this.start = start;
            this.machine = machine;
            this.load = load;
        }

        static Window open(StackCpu cpu, Map<String, Integer> roots, boolean detail) throws IOException {
            Window window = new Window(cpu.sample(roots), StackCpu.machine(), StackCpu.loadAverage());
            if (detail) {
                window.start.values().forEach(s -> s.processes().keySet()
                        .forEach(pid -> window.threads.put(pid, StackCpu.threads(pid))));
            }
            return window;
        }

        void close(StackCpu cpu, Map<String, Integer> roots, Properties result, String phase) throws IOException {
            end = cpu.sample(roots);
            threads.keySet().forEach(pid -> threadsEnd.put(pid, StackCpu.threads(pid)));
            long[] machineEnd = StackCpu.machine();
            seconds = (System.nanoTime() - nanos) / 1e9;
            double total = 0;
            for (String component : roots.keySet()) {
                StackCpu.Sample a = start.get(component);
                StackCpu.Sample b = end.get(component);
                double percent = percent(b.ticks() - a.ticks(), cpu.ticksPerSecond());
                total += percent;
                result.setProperty("cpu." + phase + "." + component, String.format(Locale.ROOT, "%.2f", percent));
                result.setProperty("procs." + component, Integer.toString(b.processes().size()));
            }
            result.setProperty("cpu." + phase + ".total", String.format(Locale.ROOT, "%.2f", total));
            result.setProperty(phase + ".seconds", String.format(Locale.ROOT, "%.1f", seconds));
            result.setProperty(phase + ".load.start", load);
            result.setProperty(phase + ".load.end", StackCpu.loadAverage());
            long busy = machineEnd[0] - machine[0];
            result.setProperty(phase + ".machine.busy", String.format(Locale.ROOT, "%.0f", percent(busy, cpu.ticksPerSecond())));
            result.setProperty(phase + ".machine.steal", String.format(Locale.ROOT, "%.1f", percent(machineEnd[2] - machine[2], cpu.ticksPerSecond())));
        }

        double percent(long ticks, long perSecond) {
            return 100.0 * ticks / perSecond / seconds;
        }

        /** The busiest threads of each process (JVMs) and PostgreSQL's busiest processes. */
        void printDetail(StackCpu cpu) {
            System.out.println("\nwhere the idle CPU went (% of one core):");
            for (var component : end.entrySet()) {
                StackCpu.Sample a = start.get(component.getKey());
                List<String[]> lines = new ArrayList<>();
                if (component.getValue().processes().size() > 2) {
                    for (StackCpu.Proc p : component.getValue().processes().values()) {
                        StackCpu.Proc before = a.processes().get(p.pid());
                        long ticks = p.ticks() - (before == null ? 0 : before.ticks());
                        lines.add(new String[] {fmt(percent(ticks, cpu.ticksPerSecond())), StackCpu.title(p.pid(), p.name())});
                    }
                } else {
                    for (int pid : component.getValue().processes().keySet()) {
                        Map<Integer, StackCpu.ThreadTicks> was = threads.getOrDefault(pid, Map.of());
                        Map<String, Long> byName = new HashMap<>();
                        threadsEnd.getOrDefault(pid, Map.of()).forEach((tid, t) -> {
                            StackCpu.ThreadTicks before = was.get(tid);
                            byName.merge(t.name().replaceAll("[-#]?\\d+$", "-N"), t.ticks() - (before == null ? 0 : before.ticks()), Long::sum);
                        });
                        byName.forEach((name, ticks) -> lines.add(new String[] {fmt(percent(ticks, cpu.ticksPerSecond())), name}));
                    }
                }
                lines.sort(Comparator.comparingDouble((String[] l) -> Double.parseDouble(l[0])).reversed());
                System.out.printf("  %s:%n", component.getKey());
                lines.stream().limit(8).filter(l -> Double.parseDouble(l[0]) > 0)
                        .forEach(l -> System.out.printf("    %6s  %s%n", l[0], l[1].length() > 90 ? l[1].substring(0, 90) : l[1]));
            }
        }
    }

    private static void print(Properties now, Properties before) {
        boolean both = before != null;
        String a = now.getProperty("label");
        String b = both ? before.getProperty("label") : "";
        System.out.println();
        if (both) {
            System.out.printf("%s (%s) beside %s (%s)%n", a, now.getProperty("at"), b, before.getProperty("at"));
            System.out.printf("settings %-7s %s%n", a + ":", now.getProperty("settings"));
            System.out.printf("settings %-7s %s%n", b + ":", before.getProperty("settings"));
        }
        System.out.printf("%nCPU, %% of one core   %-19s %-19s%n", "idle", "while probing");
        System.out.printf("%-20s %9s %9s %9s %9s%n", "component", a, b, a, b);
        TreeSet<String> names = new TreeSet<>(Comparator.comparingInt(c -> {
            int i = StackCpu.COMPONENTS.indexOf(c);
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        names.addAll(List.of(now.getProperty("components").split(",")));
        if (both) {
            names.addAll(List.of(before.getProperty("components").split(",")));
        }
        for (String c : names) {
            String procs = now.getProperty("procs." + c, both ? before.getProperty("procs." + c, "") : "");
            String name = "1".equals(procs) || procs.isEmpty() ? c : c + " (" + procs + " procs)";
            System.out.printf("%-20s %9s %9s %9s %9s%n", name, get(now, "cpu.idle." + c), both ? get(before, "cpu.idle." + c) : "",
                    get(now, "cpu.probe." + c), both ? get(before, "cpu.probe." + c) : "");
        }
        System.out.printf("%-20s %9s %9s %9s %9s%n", "total", get(now, "cpu.idle.total"), both ? get(before, "cpu.idle.total") : "",
                get(now, "cpu.probe.total"), both ? get(before, "cpu.probe.total") : "");
        System.out.printf("%-20s %9s %9s %9s %9s%n", "seconds", get(now, "idle.seconds"), both ? get(before, "idle.seconds") : "",
                get(now, "probe.seconds"), both ? get(before, "probe.seconds") : "");
        System.out.printf("%-20s %9s %9s %9s %9s%n", "machine busy %", get(now, "idle.machine.busy"),
                both ? get(before, "idle.machine.busy") : "", get(now, "probe.machine.busy"), both ? get(before, "probe.machine.busy") : "");
        System.out.printf("%-20s %9s %9s %9s %9s%n", "steal %", get(now, "idle.machine.steal"),
                both ? get(before, "idle.machine.steal") : "", get(now, "probe.machine.steal"), both ? get(before, "probe.machine.steal") : "");

        if (now.getProperty("lag.samples") == null) {
            System.out.printf("%nload average (1/5/15 min): %s idle %s → %s%n", a, now.getProperty("idle.load.start"),
                    now.getProperty("idle.load.end"));
            return;
        }
        System.out.printf("%nlag, REST write → Manager API read (%s probes, a read every %s ms), ms%n",
                now.getProperty("lag.samples"), now.getProperty("lag.poll.ms"));
        System.out.printf("%-20s %9s %9s%n", "", a, b);
        for (String k : List.of("write.p50", "write.p99", "topic.p50", "topic.p99", "visible.p50", "visible.p90",
                "visible.p99", "visible.max")) {
            System.out.printf("%-20s %9s %9s%n", LAG_ROWS.getOrDefault(k, k), get(now, "lag." + k),
                    both ? get(before, "lag." + k) : "");
        }
        System.out.printf("%nload average (1/5/15 min): %s idle %s → %s, probes %s → %s%n", a, now.getProperty("idle.load.start"),
                now.getProperty("idle.load.end"), now.getProperty("probe.load.start"), now.getProperty("probe.load.end"));
        if (both) {
            System.out.printf("                            %s idle %s → %s, probes %s → %s%n", b, before.getProperty("idle.load.start"),
                    before.getProperty("idle.load.end"), before.getProperty("probe.load.start"), before.getProperty("probe.load.end"));
        }
    }

    /** The connectors Connect runs and their poll intervals, recorded with the figures. */
    private static void settings(Properties result) {
        String connect = "http://127.0.0.1:" + env("SWITCHBOARD_CONNECT_PORT", "8093");
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(connect + "/connectors?expand=info")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode connectors = JSON.readTree(response.body());
            Map<String, List<String>> byPoll = new LinkedHashMap<>();
            connectors.fields().forEachRemaining(e -> {
                JsonNode config = e.getValue().path("info").path("config");
                byPoll.computeIfAbsent(config.path("poll.interval.ms").asText("500 (default)"), k -> new ArrayList<>())
                        .add(config.path("database.dbname").asText(e.getKey()));
            });
            StringBuilder text = new StringBuilder(connectors.size() + " connectors");
            byPoll.forEach((poll, names) -> text.append(", poll.interval.ms ").append(poll).append(": ")
                    .append(String.join(" ", new TreeSet<>(names))));
            result.setProperty("settings", text.toString());
        } catch (Exception e) {
            result.setProperty("settings", "connectors unknown (" + e + ")");
        }
    }

    private static String ms(double micros) {
        return String.format(Locale.ROOT, "%.0f", micros / 1000.0);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String get(Properties p, String key) {
        return p.getProperty(key, "-");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
