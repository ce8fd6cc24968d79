package io.switchboard.e2e.faults;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the fault suite does: which components it kills, one after another, while the load runs at
 * {@code eventsPerSecond}, and the timeline of each fault. Two forms: {@code ci} (the default of the e2e
 * run: a service and Connect at a low rate, about two minutes) and {@code full} (a service of each kind,
 * Connect, the broker and PostgreSQL at 1,000 events/s), chosen with {@code -Dfaults=ci|full}; any field
 * can be overridden ({@code -Dfaults.components=chat,kafka}, {@code -Dfaults.rate=500}, …).
 *
 * @param warmUp   load before the first kill (the steady rate is measured here)
 * @param lead     load between a fault's boundary and its kill (so a Connect replay falls in its row)
 * @param down     how long the component stays dead before the launcher starts it
 * @param settle   load after recovery before the next fault's boundary
 * @param patience at most this long for a restart and for a recovery (a fault that does not recover in it
 *                 fails the suite, but the next fault goes ahead), twice that for the read models at the end
 */
record FaultPlan(String name, List<String> components, double eventsPerSecond, int partners, int voiceAgents,
                 int chatAgents, Duration warmUp, Duration lead, Duration down, Duration settle, Duration patience) {

    static final List<String> COMPONENTS = List.of("postgres", "kafka", "connect", "chat", "media", "interaction",
            "redaction", "reporting");

    FaultPlan {
        for (String component : components) {
            if (!COMPONENTS.contains(component)) {
                throw new IllegalArgumentException("faults.components: " + component + " is not one of " + COMPONENTS);
            }
        }
    }

    static FaultPlan ci() {
        return new FaultPlan("ci", List.of("interaction", "connect"), 150, 2, 4, 4, Duration.ofSeconds(10),
                Duration.ofSeconds(4), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofMinutes(4));
    }

    static FaultPlan full() {
        return new FaultPlan("full", List.of("chat", "interaction", "reporting", "connect", "kafka", "postgres"), 1000, 4, 10,
                10, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(15),
                Duration.ofMinutes(4));
    }

    /** The plan named by {@code -Dfaults} (ci when absent), with the {@code faults.*} overrides applied. */
    static FaultPlan fromSystemProperties() {
        String name = System.getProperty("faults", "ci").trim().toLowerCase(Locale.ROOT);
        FaultPlan plan = switch (name) {
            case "", "ci" -> ci();
            case "full" -> full();
            default -> throw new IllegalArgumentException("-Dfaults=" + name + ": ci or full");
        };
        String components = System.getProperty("faults.components");
        return new FaultPlan(plan.name,
                components == null ? plan.components : Arrays.stream(components.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                doubleProperty("faults.rate", plan.eventsPerSecond), intProperty("faults.partners", plan.partners),
                intProperty("faults.voice-agents", plan.voiceAgents), intProperty("faults.chat-agents", plan.chatAgents),
                durationProperty("faults.warm-up", plan.warmUp), durationProperty("faults.lead", plan.lead),
                durationProperty("faults.down", plan.down), durationProperty("faults.settle", plan.settle),
                durationProperty("faults.patience", plan.patience));
    }

    private static double doubleProperty(String name, double fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : Double.parseDouble(value.trim());
    }

    private static int intProperty(String name, int fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    /** {@code 30s}, {@code 2m}, or ISO-8601 ({@code PT30S}). */
    private static Duration durationProperty(String name, Duration fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("pt")) {
            return Duration.parse(value.trim());
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            default -> throw new IllegalArgumentException(name + ": a duration such as 30s or 2m, not " + value);
        };
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: kill -9 %s, one at a time, at %.0f events/s target (%d partners × %d voice + %d chat agents);"
                        + " warm-up %ss, %ss before each kill, down %ss, %ss after recovery",
                name, String.join(", ", components), eventsPerSecond, partners, voiceAgents, chatAgents,
                warmUp.toSeconds(), lead.toSeconds(), down.toSeconds(), settle.toSeconds());
    }
}
