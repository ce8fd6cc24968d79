package io.switchboard.bench.redaction;

import io.switchboard.redaction.detection.Gazetteers;
import io.switchboard.redaction.detection.RedactionPolicy;
import io.switchboard.redaction.detection.Redactor;
import io.switchboard.redaction.detection.quality.PiiDevSet;
import io.switchboard.redaction.detection.quality.QualityRun;
import io.switchboard.redaction.detection.quality.SpanScorer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The redaction service's detection (services/redaction, package {@code detection}): quality per type on
 * the held-out 30 % of pii-dev for each design, beside Presidio's published figures on the same file, then
 * speed on typical chat messages, one thread. Speed is messages per second of the thread's CPU time (the
 * machine is shared, so wall-clock time would mostly measure the others), median of {@code BENCH_ROUNDS}
 * rounds of {@code BENCH_SECONDS} each after {@code BENCH_WARMUP_SECONDS}. Also prints what loading the
 * gazetteers and the trained name model (design C) costs: time, retained heap and the process's resident
 * memory (RSS) after each.
 */
public final class RedactionQualityBenchmark {
    private static final int ROUNDS = env("BENCH_ROUNDS", 5);
    private static final double SECONDS = env("BENCH_SECONDS", 3);
    private static final double WARMUP_SECONDS = env("BENCH_WARMUP_SECONDS", 3);
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /** Published on this file by presidio-research (overall only): P, R, F2. */
    private static final double[][] PRESIDIO = {{0.685, 0.603, 0.618}, {0.870, 0.839, 0.845}};

    /** Typical customer-support chat messages (not from pii-dev). */
    static final List<String> MESSAGES = List.of(
            "hi, my name is john smith and my order AB12345 hasn't arrived, call me on 555 123 4567",
            "Hello, I was charged $40 twice on May 23, can you refund it?",
            "ok thanks",
            "my email is anna.k@example.com and my zip code is 90210",
            "can you deliver it next Monday before 10:30 am?",
            "I ordered 2 items but only got 1, order number 4411",
            "This is Rose from Acme Corporation, we spoke yesterday",
            "the card ending 4111 1111 1111 1111 was declined",
            "I'm travelling to Paris next week so please ship to my office",
            "WHERE IS MY PACKAGE??? it's been 3 weeks",
            "please send it to 221 Baker Street, London",
            "my IBAN is DE89 3704 0044 0532 0130 00, thanks",
            "sure, no problem, have a nice day!",
            "i spoke to bill on friday and he said 40 dollars would be refunded",
            "Booking reference XK7Q9P2 for Maria Garcia, flight on 2024-06-01 at 14:00",
            "can I change the delivery address?");

    private RedactionQualityBenchmark() {
    }

    public static void main(String[] args) {
        Runtime rt = Runtime.getRuntime();
        gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        long rssBefore = rssKb();
        long t0 = System.nanoTime();
        Gazetteers g = Gazetteers.shared();
        long loadMillis = (System.nanoTime() - t0) / 1_000_000;
        gc();
        long heapAfter = rt.totalMemory() - rt.freeMemory();
        long rssAfter = rssKb();
        System.out.printf(Locale.ROOT, "gazetteers: %s; loaded in %d ms, ≈ %d MB of heap; RSS %d → %d MB%n", g, loadMillis,
                (heapAfter - heapBefore) / (1024 * 1024), rssBefore / 1024, rssAfter / 1024);
        t0 = System.nanoTime();
        Redactor.create(Redactor.Design.STATISTICAL); // loads the name model
        loadMillis = (System.nanoTime() - t0) / 1_000_000;
        gc();
        long heapModel = rt.totalMemory() - rt.freeMemory();
        long rssModel = rssKb();
        System.out.printf(Locale.ROOT, "name model (design C): loaded in %d ms, ≈ %d MB of heap; RSS %d → %d MB%n%n", loadMillis,
                (heapModel - heapAfter) / (1024 * 1024), rssAfter / 1024, rssModel / 1024);

        PiiDevSet.Split split = PiiDevSet.split(PiiDevSet.load());
        List<String> rows = new ArrayList<>();
        for (Redactor.Design design : Redactor.Design.values()) {
            Redactor redactor = Redactor.create(design);
            SpanScorer scorer = QualityRun.score(redactor, split.heldOut());
            System.out.println(scorer.table("held-out split (" + split.heldOut().size() + " sentences, "
                    + split.heldOut().stream().map(PiiDevSet.Sample::templateId).distinct().count() + " templates), " + design));
            SpanScorer.Counts all = scorer.overall();
            rows.add(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f |", design, all.precision(), all.recall(),
                    all.f2(), scorer.perType().get("NAME").recall()));
        }
        System.out.println("overall, side by side (Presidio: published on the whole file, fuzzy match)");
        System.out.println("| design | P | R | F2 | NAME R |");
        System.out.println("|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "| Presidio out of the box | %.3f | %.3f | %.3f | – |%n", PRESIDIO[0][0], PRESIDIO[0][1], PRESIDIO[0][2]);
        System.out.printf(Locale.ROOT, "| Presidio tuned (transformer + deny-lists) | %.3f | %.3f | %.3f | – |%n%n",
                PRESIDIO[1][0], PRESIDIO[1][1], PRESIDIO[1][2]);

        int chars = MESSAGES.stream().mapToInt(String::length).sum();
        System.out.printf(Locale.ROOT, "speed: %d typical chat messages (mean %d characters), one thread, CPU time%n",
                MESSAGES.size(), chars / MESSAGES.size());
        for (Redactor.Design design : Redactor.Design.values()) {
            Redactor redactor = Redactor.create(design);
            RedactionPolicy policy = RedactionPolicy.defaults();
            run(redactor, policy, WARMUP_SECONDS);
            List<Double> rates = new ArrayList<>();
            for (int r = 0; r < ROUNDS; r++) {
                rates.add(run(redactor, policy, SECONDS));
            }
            rates.sort(Double::compare);
            System.out.printf(Locale.ROOT, "  %-16s median %,8.0f msgs/s (rounds %s)%n", design, rates.get(rates.size() / 2),
                    rates.stream().map(x -> String.format(Locale.ROOT, "%,.0f", x)).toList());
        }
    }

    /** Messages per CPU-second over about {@code seconds} of CPU time. */
    private static double run(Redactor redactor, RedactionPolicy policy, double seconds) {
        long budget = (long) (seconds * 1e9);
        long start = CPU.getCurrentThreadCpuTime();
        long n = 0, sink = 0;
        while (CPU.getCurrentThreadCpuTime() - start < budget) {
            for (String m : MESSAGES) {
                sink += redactor.redact(m, policy).text().length();
                n++;
            }
        }
        long used = CPU.getCurrentThreadCpuTime() - start;
        if (sink == 42) {
            System.out.print("");
        }
        return n / (used / 1e9);
    }

    /** The process's resident set size (Linux /proc), in KB; -1 elsewhere. */
    private static long rssKb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static void gc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int env(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }
}
