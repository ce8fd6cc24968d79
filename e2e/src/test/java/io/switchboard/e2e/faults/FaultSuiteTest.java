package io.switchboard.e2e.faults;

import io.switchboard.bench.load.LoadConfig;
import io.switchboard.bench.load.StackCpu;
import io.switchboard.e2e.stack.LocalStack;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9, one at a time, of components of the running stack while a simulated contact center
 * ({@code bench/load}) drives it through the public REST APIs, each restarted through the launcher; then,
 * for every aggregate of the load's partners: every event in the event stores is applied by every read
 * model that applies it (reporting, routing, agent status, chat's directory — their positions in
 * {@code consumer_applied_streams}), none twice, none parked, every command answered 2xx is in the event
 * store, and the Manager API shows what the load expects. Prints the fault table (component killed ×
 * events written × applied per read model × lost × duplicated × recovery time) to the test output and to
 * {@code e2e/target/faults/fault-table-<plan>.md}.
 *
 * <p>The e2e run's default is the {@code ci} plan (interaction and Connect, a low rate); the full one
 * ({@code -Dfaults=full}, {@link FaultPlan}) kills chat, interaction, reporting, Connect, Kafka and
 * PostgreSQL at 1,000 events/s. It runs after the other stack tests (they share the stack) and leaves the
 * stack as it found it: every component it killed is running and healthy again.
 */
@ExtendWith(LocalStack.class)
@Order(Integer.MAX_VALUE)
class FaultSuiteTest {

    @Test
    void everyEventIsAppliedOnceByEveryReadModelThroughKillsOfEachComponent() throws Exception {
        FaultPlan plan = FaultPlan.fromSystemProperties();
        System.out.println("faults: " + plan + "; load average " + loadAverage());
        LoadConfig config = LoadConfig.defaults().partners(plan.partners()).voiceAgents(plan.voiceAgents())
                .chatAgents(plan.chatAgents()).systemCredentials(3).windDown(Duration.ofMinutes(2))
                .routingPatience(Duration.ofSeconds(45));
        List<FaultTable.Segment> segments = new ArrayList<>();
        String recoveryFailure = null;
        // Before the partners exist: their set-up (directory, agents) is counted and checked too.
        Map<String, Long> origin;
        Map<String, Long> deadLettersBefore;
        try (Ledger nobody = new Ledger(List.of())) {
            origin = nobody.heads();
            deadLettersBefore = nobody.deadLetters();
        }
        TopicTally topics = new TopicTally();
        Instant suiteStarted = Instant.now();
        try (Load load = GeneratorLoad.setUp(config);
             Ledger ledger = new Ledger(load.partnerIds())) {
            System.out.printf(Locale.ROOT, "faults: partners %s set up in %.1f s%n", load.partnerIds(),
                    Duration.between(suiteStarted, Instant.now()).toMillis() / 1000.0);
            Map<String, Long> boundary = ledger.heads();
            Instant boundaryAt = Instant.now();
            segments.add(new FaultTable.Segment("none (set-up)", suiteStarted, boundaryAt, origin, boundary, null, null));
            load.start(plan.eventsPerSecond(), Duration.ofHours(2));
            pause(plan.warmUp());

            String previous = "none (warm-up)";
            Duration restarted = null;
            Duration recovered = null;
            for (String component : plan.components()) {
                Map<String, Long> next = ledger.heads();
                Instant nextAt = Instant.now();
                segments.add(new FaultTable.Segment(previous, boundaryAt, nextAt, boundary, next, restarted, recovered));
                boundary = next;
                boundaryAt = nextAt;
                previous = component;
                pause(plan.lead());

                System.out.printf("faults: kill -9 %s (load average %s)%n", component, loadAverage());
                long killed = System.nanoTime();
                Kill.nine(component);
                pause(plan.down());
                Kill.restart(component, plan.patience());
                restarted = Duration.ofNanos(System.nanoTime() - killed);
                recovered = recover(ledger, boundary, killed, plan.patience());
                System.out.printf(Locale.ROOT, "faults: %s restarted after %.1f s, read models caught up %s s after the kill%n",
                        component, restarted.toMillis() / 1000.0, recovered == null ? "never" : String.format(Locale.ROOT, "%.1f", recovered.toMillis() / 1000.0));
                if (recovered == null) {
                    // Not a loss yet (the end checks every event): the next fault goes ahead, the failure stays.
                    recoveryFailure = (recoveryFailure == null ? "" : recoveryFailure + "; ")
                            + "the read models did not catch up within " + plan.patience() + " after restarting " + component;
                }
                pause(plan.settle());
            }
            Map<String, Long> end = ledger.heads();
            Instant endAt = Instant.now();
            segments.add(new FaultTable.Segment(previous, boundaryAt, endAt, boundary, end, restarted, recovered));

            load.stop();
            boolean ended = load.awaitEnd(plan.patience());
            System.out.println("faults: load " + (ended ? "ended" : "did not end in time") + ": " + load.summary());
            // The Manager API first: it shows agents' final statuses only once their wrap-up ended (events
            // the interaction service appends on its own), so the ledger below includes those too.
            List<String> differences = load.readModelDifferences(plan.patience());
            segments.add(new FaultTable.Segment("none (wind-down)", endAt, Instant.now(), end, null, null, null));

            // Events, then positions, then events again: every event of the first read is stored before the
            // positions were read (so one missing from them is lost), and every applied position was stored
            // before the second read (so one that no event of it has is a phantom). In between, read models
            // may still append (wrap-ups ending): those are in the second read only.
            List<Ledger.Stored> events = awaitAllApplied(ledger, origin, plan.patience().multipliedBy(2));
            Ledger.Applied applied = ledger.applied();
            List<Ledger.Stored> eventsAfter = ledger.events(origin, null);
            Map<UUID, Integer> deliveries = topics.read(Set.copyOf(load.partnerIds()));
            Map<Long, Integer> messages = ledger.reportedMessageCounts();
            List<Load.Attempt> attempts = load.attempts();
            List<String> duplicateExamples = new ArrayList<>();
            List<FaultTable.Row> rows = FaultTable.rows(segments, events, applied, deliveries, messages, attempts, duplicateExamples);
            FaultTable.Totals totals = new FaultTable.Totals(FaultTable.phantoms(eventsAfter, applied), deadLettersBefore,
                    ledger.deadLetters(), differences, load.uncertain(), duplicateExamples);
            String table = FaultTable.render(String.format(Locale.ROOT, "Fault table (%s; %s; load average at the end %s)",
                    plan, load.summary(), loadAverage()), rows, totals);
            System.out.println(table);
            Path file = Path.of("target/faults/fault-table-" + plan.name() + ".md");
            Files.createDirectories(file.getParent());
            Files.writeString(file, table);

            assertThat(recoveryFailure).as("every fault recovered").isNull();
            assertThat(rows.stream().mapToLong(FaultTable.Row::lost).sum()).as("events stored but not applied by a read model that applies them").isZero();
            assertThat(totals.phantomCount()).as("positions applied that no stored event has").isZero();
            assertThat(rows.stream().mapToLong(FaultTable.Row::duplicated).sum()).as("effects applied twice").isZero();
            assertThat(rows.stream().mapToLong(r -> r.writes().missing()).sum()).as("commands answered 2xx whose event is not stored").isZero();
            assertThat(rows.stream().mapToLong(r -> r.outcomes().serverErrors() - r.outcomes().unavailable()).sum())
                    .as("writes answered 5xx other than 503 (an outage is 503 + Retry-After, never a 500)").isZero();
            assertThat(totals.newDeadLetters()).as("records parked as undecodable").isZero();
            assertThat(rows.stream().mapToLong(FaultTable.Row::notOnTopics).sum()).as("stored events never delivered on their topic").isZero();
            assertThat(differences).as("the Manager API shows what the load expects").isEmpty();
            assertThat(rows.stream().mapToLong(FaultTable.Row::written).sum()).as("the load wrote events").isPositive();
        } finally {
            restoreStack(plan);
        }
    }

    /**
     * Kill → the moment every read model has applied every event of the load's partners that the event
     * stores held when the component was back (from the fault's boundary on; earlier ones were checked by
     * the previous fault). Null if that did not happen within {@code patience}.
     */
    private static Duration recover(Ledger ledger, Map<String, Long> boundary, long killedNanos, Duration patience)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        List<Ledger.Stored> needed = null;
        Map<String, Long> missing = Map.of();
        long nextReport = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (needed == null) {
                    needed = ledger.events(boundary, ledger.heads());
                }
                Ledger.Applied applied = ledger.applied();
                if (Ledger.missing(needed, applied) == 0) {
                    return Duration.ofNanos(System.nanoTime() - killedNanos);
                }
                if (System.nanoTime() > nextReport) {
                    missing = Ledger.missingByReadModel(needed, applied);
                    System.out.printf(Locale.ROOT, "faults: %.0f s after the kill, not applied yet: %s (load average %s)%n",
                            (System.nanoTime() - killedNanos) / 1e9, missing, loadAverage());
                    nextReport = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                }
            } catch (SQLException e) {
                System.out.println("faults: ledger not readable yet: " + e.getMessage());
            }
            pause(Duration.ofMillis(250));
        }
        System.out.println("faults: not applied within " + patience + " of the restart: " + missing);
        return null;
    }

    /** Waits until every event of the load's partners since {@code base} is applied by every read model that applies it; returns them. */
    private static List<Ledger.Stored> awaitAllApplied(Ledger ledger, Map<String, Long> base, Duration patience)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            List<Ledger.Stored> events = ledger.events(base, null);
            long missing = Ledger.missing(events, ledger.applied());
            if (missing == 0 || System.nanoTime() > deadline) {
                return events;
            }
            pause(Duration.ofMillis(500));
        }
    }

    /**
     * Every component of the plan running and healthy again (a fault that failed half-way may have left
     * one down), so that the stack tests after this one find the stack as it was.
     */
    private static void restoreStack(FaultPlan plan) throws IOException, InterruptedException {
        String status = LocalStack.run(Duration.ofMinutes(1), "status");
        boolean healthy = status.lines().skip(1).allMatch(line -> line.contains(" healthy "));
        if (!healthy) {
            System.out.println("faults: restoring the stack (" + plan.components() + ")");
            LocalStack.run(Duration.ofMinutes(20), "up");
        }
    }

    /** The timeline's own pacing (load runs for this long), not a wait for something to happen. */
    private static void pause(Duration duration) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }

    static String loadAverage() {
        return StackCpu.loadAverage();
    }
}
