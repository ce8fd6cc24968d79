package io.switchboard.bench.load;

import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run of the simulated contact center against the running local stack, with a line of figures every
 * five seconds and, at the end, what the Manager API shows compared with what the run expects. (The demo
 * that people watch, partner {@code demo} until stopped, is {@link DemoMain}.)
 *
 * <pre>
 * java … io.switchboard.bench.load.LoadMain --partners 3 --rate 200 --duration 60s
 * </pre>
 *
 * Options: {@code --partners N}, {@code --rate EVENTS_PER_SECOND|max}, {@code --duration 60s|2m},
 * {@code --max-commands N}, {@code --max-in-flight N}, {@code --voice-agents N}, {@code --chat-agents N}
 * (per partner), {@code --system-credentials N}, {@code --chat-share 0.35}, {@code --think 150ms},
 * {@code --seed N}, {@code --log FILE} (every command and answer as JSON lines), {@code --no-check};
 * {@code --delete-users} alone deletes the Keycloak users of runs that were killed ({@code load-…}).
 * Ports come from the launcher's variables ({@code SWITCHBOARD_CHAT_PORT}, …), secrets from its state folder.
 */
public final class LoadMain {
    private LoadMain() {
    }

    public static void main(String[] args) throws Exception {
        LoadConfig config = LoadConfig.defaults();
        boolean check = true;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--no-check")) {
                check = false;
                continue;
            }
            if (option.equals("--delete-users")) {
                // Runs that were killed leave their Keycloak users behind.
                Keycloak keycloak = new Keycloak(Stack.fromEnvironment());
                List<String> ids = keycloak.userIdsStartingWith("load-");
                ids.forEach(keycloak::deleteUserById);
                System.out.println("deleted " + ids.size() + " Keycloak users named load-…");
                return;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            config = switch (option) {
                case "--partners" -> config.partners(Integer.parseInt(value));
                case "--rate" -> config.eventsPerSecond(value.equals("max") ? Double.POSITIVE_INFINITY : Double.parseDouble(value));
                case "--duration" -> config.duration(duration(value));
                case "--max-commands" -> config.maxCommands(Long.parseLong(value));
                case "--max-in-flight" -> config.maxInFlight(Integer.parseInt(value));
                case "--voice-agents" -> config.voiceAgents(Integer.parseInt(value));
                case "--chat-agents" -> config.chatAgents(Integer.parseInt(value));
                case "--system-credentials" -> config.systemCredentials(Integer.parseInt(value));
                case "--chat-share" -> config.chatShare(Double.parseDouble(value));
                case "--think" -> config.thinkTime(duration(value));
                case "--seed" -> config.seed(Long.parseLong(value));
                case "--log" -> config.commandLog(Path.of(value));
                default -> throw new IllegalArgumentException("unknown option " + option);
            };
        }
        Stack stack = Stack.fromEnvironment();
        System.out.printf("load %s: %d partners × (%d voice + %d chat agents), target %s events/s for %s, at most %d requests in flight; stack %s%n",
                config.runId(), config.partners(), config.voiceAgents(), config.chatAgents(),
                config.unpaced() ? "max" : String.format(Locale.ROOT, "%.0f", config.eventsPerSecond()), config.duration(),
                config.maxInFlight(), stack.ports());
        long setupStarted = System.nanoTime();
        try (ContactCenter center = ContactCenter.setUp(stack, config)) {
            System.out.printf("set up in %.1f s: %s%n", (System.nanoTime() - setupStarted) / 1e9, center.partnerIds());
            Thread cleanup = new Thread(center::close); // Ctrl-C: the run's Keycloak users go too
            Runtime.getRuntime().addShutdownHook(cleanup);
            LoadRun run = center.start();
            EventCounter.Counts previous = run.events().count();
            LoadRun.Stats before = run.stats();
            while (!run.awaitCompletion(Duration.ofSeconds(5))) {
                EventCounter.Counts counts = run.events().count();
                LoadRun.Stats stats = run.stats();
                System.out.println(progress(previous, counts, before, stats, run.lag().micros()));
                previous = counts;
                before = stats;
            }
            report(run, center, check);
        }
    }

    static String progress(EventCounter.Counts from, EventCounter.Counts to, LoadRun.Stats before, LoadRun.Stats now,
                           Histogram lagMicros) {
        double seconds = (to.readNanos() - from.readNanos()) / 1e9;
        return String.format(Locale.ROOT,
                "%6.1f s  commands %6.0f/s  events %6.0f/s (expected %6.0f/s)  open %4d  429s %d  no answer %d  lag p50 %s p99 %s  load %s",
                (to.readNanos() - now.startedNanos()) / 1e9, (now.writesSent() - before.writesSent()) / seconds,
                (to.total() - from.total()) / seconds, (now.expectedEvents() - before.expectedEvents()) / seconds,
                now.openScripts(), now.throttled(), now.noAnswer(), ms(lagMicros, 50), ms(lagMicros, 99), loadAverage());
    }

    static void report(LoadRun run, ContactCenter center, boolean check) throws InterruptedException {
        LoadRun.Stats stats = run.stats();
        EventCounter.Counts events = run.events().count();
        double activeSeconds = ((stats.windDownNanos() == 0 ? stats.endedNanos() : stats.windDownNanos()) - stats.startedNanos()) / 1e9;
        double allSeconds = (stats.endedNanos() - stats.startedNanos()) / 1e9;
        System.out.printf(Locale.ROOT, "%nran %.1f s (+ %.1f s winding down): %d calls, %d chats; %d writes (%.0f/s), %d reads, %d retries, %d × 429, %d without answer%n",
                activeSeconds, allSeconds - activeSeconds, stats.callsStarted(), stats.chatsStarted(), stats.writesSent(),
                stats.writesSent() / allSeconds, stats.readsSent(), stats.retries(), stats.throttled(), stats.noAnswer());
        System.out.printf(Locale.ROOT, "events in the event stores: %d (%.0f/s over the whole run; pacing expected %.0f) %s%n",
                events.total(), events.total() / allSeconds, stats.expectedEvents(), events.perDatabase());
        run.awaitVisible(Duration.ofSeconds(60));
        Histogram lag = run.lag().micros();
        System.out.printf(Locale.ROOT, "REST write → Manager API: %d samples, p50 %s, p90 %s, p99 %s, max %s ms; not seen yet %d; shown by a direct read but never by the change feed %d%n",
                lag.getTotalCount(), ms(lag, 50), ms(lag, 90), ms(lag, 99), ms(lag, 100), run.lag().pending(), run.lag().missedByFeed());
        System.out.println("answers per command: " + run.commands().statusesByKind());
        System.out.println("mean answer time (µs): " + run.meanMicrosByKind());
        Map<String, Long> byType = run.events().countByType();
        System.out.println("events by type: " + byType);
        Expectations expected = run.expected();
        System.out.println("expectations: " + expected);
        expected.uncertain().stream().limit(10).forEach(u -> System.out.println("  uncertain: " + u));
        if (check) {
            long started = System.nanoTime();
            List<ReadModelCheck.Mismatch> differences = center.check().await(expected, Duration.ofSeconds(120));
            System.out.printf(Locale.ROOT, "Manager API vs expectations after %.1f s: %s%n", (System.nanoTime() - started) / 1e9,
                    differences.isEmpty() ? "all match" : differences.size() + " differences " + ReadModelCheck.summary(differences));
            differences.stream().limit(10).forEach(d -> System.out.println("  " + d));
        }
        run.close();
    }

    static String ms(Histogram micros, double percentile) {
        if (micros.getTotalCount() == 0) {
            return "–";
        }
        long value = percentile >= 100 ? micros.getMaxValue() : micros.getValueAtPercentile(percentile);
        return String.format(Locale.ROOT, "%.0f", value / 1000.0);
    }

    static String loadAverage() {
        return StackCpu.loadAverage();
    }

    /** {@code 60s}, {@code 2m}, {@code 500ms}, {@code 1h} or ISO-8601 ({@code PT1M}). */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt")) {
            return Duration.parse(text);
        }
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException("a duration such as 60s, 2m or 500ms: " + text);
        };
    }
}
