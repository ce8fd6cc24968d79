package io.switchboard.bench.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code deploy/local/switchboard demo}: the demo contact center ({@link Demo}) on the running local stack,
 * with who to log in as, then a line every few seconds (calls and chats so far, agents by status as the
 * Manager API shows them), until Ctrl-C / SIGTERM (the agents log out first) or {@code --duration}.
 *
 * <pre>
 * java … io.switchboard.bench.load.DemoMain [--partner demo] [--rate 6] [--voice-agents 4] [--chat-agents 3]
 *       [--shift 10m] [--duration 30m] [--think 2s] [--every 5s] [--seed 42] [--no-passwords]
 * </pre>
 */
public final class DemoMain {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private DemoMain() {
    }

    /**
     * The command line.
     *
     * @param config    the simulation ({@link Demo#defaults()} with the options applied)
     * @param shift     agents' shift length (they log out and in again after it)
     * @param total     how long the demo runs, or null: until stopped
     * @param every     how often a progress line is printed
     * @param passwords print the passwords (not when the output goes to a log file: {@code up --demo})
     */
    record Options(LoadConfig config, Duration shift, Duration total, Duration every, boolean passwords) {
    }

    static Options parse(String... args) {
        LoadConfig config = Demo.defaults();
        Duration shift = Duration.ofMinutes(10);
        Duration total = null;
        Duration every = Duration.ofSeconds(5);
        boolean passwords = true;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--no-passwords")) {
                passwords = false;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--partner" -> config = config.partner(value);
                case "--rate" -> config = config.eventsPerSecond(positive(option, Double.parseDouble(value)));
                case "--voice-agents" -> config = config.voiceAgents(Integer.parseInt(value));
                case "--chat-agents" -> config = config.chatAgents(Integer.parseInt(value));
                case "--think" -> config = config.thinkTime(LoadMain.duration(value));
                case "--seed" -> config = config.seed(Long.parseLong(value));
                case "--shift" -> shift = positive(option, LoadMain.duration(value));
                case "--duration" -> total = positive(option, LoadMain.duration(value));
                case "--every" -> every = positive(option, LoadMain.duration(value));
                default -> throw new IllegalArgumentException("unknown option " + option
                        + " (--partner, --rate, --voice-agents, --chat-agents, --shift, --duration, --think, --every, --seed, --no-passwords)");
            }
        }
        return new Options(config, shift, total, every, passwords);
    }

    private static Duration positive(String option, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(option + " must be positive");
        }
        return d;
    }

    private static double positive(String option, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(option + " must be a positive number of events per second");
        }
        return v;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(2);
            return;
        }
        LoadConfig config = options.config();
        Stack stack = Stack.fromEnvironment();
        Path state = Stack.stateDir(System.getenv());
        log(String.format(Locale.ROOT, "demo … setting up partner %s (%d voice + %d chat agents, up to %.0f events/s, shifts of %s%s)",
                config.partner(), config.voiceAgents(), config.chatAgents(), config.eventsPerSecond(), text(options.shift()),
                options.total() == null ? ", until stopped" : ", for " + text(options.total())));
        Demo demo;
        try {
            demo = Demo.start(stack, config, state, options.shift(), options.total());
        } catch (RuntimeException e) {
            // Another demo holds the partner, or the stack refused the set-up: the reason, not a stack trace.
            log("demo … could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Thread hook = new Thread(() -> {
            log("demo … stopping: calls and chats end, agents log out");
            demo.close();
            log("demo … stopped (" + summary(demo.progress()) + "); users and directory kept for the next start");
        }, "demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        printLogins(demo, stack, options.passwords());
        log("demo … running");
        Rest rest = new Rest(stack);
        while (!demo.awaitEnd(options.every())) {
            log(progress(demo, rest));
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return; // stopped by a signal: the hook winds down and reports
        }
        demo.close();
        if (demo.failure() != null) {
            log("demo … failed: " + demo.failure());
            System.exit(1);
        }
        log("demo … done (" + summary(demo.progress()) + ")");
    }

    private static void printLogins(Demo demo, Stack stack, boolean passwords) {
        String reporting = stack.uri("reporting").toString();
        Demo.Login supervisor = demo.supervisor();
        System.out.println();
        System.out.println("  Log in to partner " + demo.partnerId() + " (realm switchboard) as " + supervisor.username()
                + (passwords ? "  password " + supervisor.password() : "  (password: deploy/local/switchboard secrets)"));
        System.out.println("    dashboard    " + reporting + "/dashboard/");
        System.out.println("    Manager API  " + reporting + "/manager/api/v1/calls  (a token of " + supervisor.username()
                + ", client switchboard-web)");
        System.out.println("  Agents (busy with the simulation): " + demo.agents().stream().map(Demo.Login::username)
                .collect(Collectors.joining(", ")) + "; admin " + demo.admin().username()
                + "; all passwords: deploy/local/switchboard secrets");
        System.out.println();
    }

    /** One progress line: the shift, calls and chats so far, agents by status as the Manager API shows them. */
    static String progress(Demo demo, Rest rest) {
        Demo.Progress p = demo.progress();
        Set<Long> ids = demo.partner().agents().stream().map(Agent::id).collect(Collectors.toSet());
        Rest.Response agents = rest.send("reporting", "GET", "/manager/api/v1/agents?per=1000", null, demo.partner().supervisor());
        String statuses = agents.status() == 200 ? agentStatuses(agents.json(), ids) : "Manager API answered " + agents.status();
        return summary(p) + "  open " + p.openScripts() + "  agents: " + statuses
                + (p.errors() > 0 ? "  unexpected answers " + p.errors() : "");
    }

    /** {@code 3 available, 2 in_call, 1 offline}: the demo's agents by their Manager API status. */
    static String agentStatuses(JsonNode agents, Set<Long> ids) {
        Map<String, Integer> counts = new TreeMap<>();
        for (JsonNode agent : agents) {
            if (ids.contains(agent.path("id").asLong())) {
                String status = agent.path("status").path("name").asText("");
                counts.merge(status.isEmpty() ? "unknown" : status, 1, Integer::sum);
            }
        }
        return counts.isEmpty() ? "none shown yet" : counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    private static String summary(Demo.Progress p) {
        return "shift " + p.shifts() + "  calls " + p.callsStarted() + "  chats " + p.chatsStarted() + "  commands " + p.writes();
    }

    /** {@code PT10M} → {@code 10m}. */
    static String text(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private static void log(String line) {
        System.out.println(LocalTime.now(ZoneOffset.UTC).format(TIME) + " " + line);
    }
}
