package io.switchboard.bench.redaction;

import com.sun.management.OperatingSystemMXBean;
import io.switchboard.redaction.DetectingAnalyzer;
import io.switchboard.redaction.analysis.Embeddings;
import io.switchboard.redaction.analysis.IntentExamples;
import io.switchboard.redaction.analysis.IntentMatcher;
import io.switchboard.redaction.analysis.LanguageDetection;
import io.switchboard.redaction.analysis.LanguageSentences;
import io.switchboard.redaction.analysis.Sentiment;
import io.switchboard.redaction.detection.RedactionPolicy;
import io.switchboard.redaction.detection.Redactor;
import io.switchboard.redaction.domain.Analysis;
import io.switchboard.redaction.domain.Intent;
import io.switchboard.redaction.domain.MaskStyle;
import io.switchboard.redaction.domain.PartnerPolicy;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The redaction service's analysis beyond detection (services/redaction, package {@code analysis}): what loading
 * each model costs (time, retained heap, the process's RSS), language accuracy per language on the test set in
 * both of lingua's modes, then messages per second per core — the process's CPU time, so onnxruntime's and the
 * JIT's threads count — of detection alone, of each analysis alone and of the whole {@code DetectingAnalyzer}
 * the service runs (20 intents × 5 phrases), side by side. Median of {@code BENCH_ROUNDS} rounds of
 * {@code BENCH_SECONDS} after {@code BENCH_WARMUP_SECONDS}; one thread.
 */
public final class AnalysisBenchmark {
    private static final int ROUNDS = env("BENCH_ROUNDS", 5);
    private static final double SECONDS = env("BENCH_SECONDS", 3);
    private static final double WARMUP_SECONDS = env("BENCH_WARMUP_SECONDS", 3);
    private static final boolean LOW_ACCURACY = Boolean.parseBoolean(System.getenv().getOrDefault("BENCH_LOW_ACCURACY", "false"));
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final java.lang.management.ThreadMXBean THREAD = ManagementFactory.getThreadMXBean();
    private static final List<String> MESSAGES = RedactionQualityBenchmark.MESSAGES;

    /** Twelve more intents for 20 × 5 (the test set's eight are in services/redaction's intents.tsv). */
    private static final String[][] MORE_INTENTS = {
            {"opening_hours", "what are your opening hours", "when are you open", "are you open on sunday", "what time do you close", "holiday opening times"},
            {"store_locator", "where is your nearest store", "is there a shop near me", "store address", "find a branch", "which stores have it"},
            {"gift_card", "do you sell gift cards", "how do I use a gift card", "my gift card balance", "gift voucher not working", "buy a voucher"},
            {"warranty", "is this covered by warranty", "how long is the guarantee", "warranty claim", "extend my warranty", "warranty repair"},
            {"invoice_copy", "send me a copy of my invoice", "I need a receipt", "download my bill", "VAT invoice please", "where can I find my invoices"},
            {"payment_methods", "can I pay with paypal", "which payment methods do you accept", "pay by bank transfer", "do you take credit cards", "pay in instalments"},
            {"discount_code", "my discount code doesn't work", "promo code invalid", "do you have any coupons", "apply a voucher code", "student discount"},
            {"product_info", "what size should I order", "is this item waterproof", "what are the dimensions", "product specifications", "is it compatible with my phone"},
            {"stock_availability", "is this back in stock", "when will it be available", "out of stock item", "notify me when available", "do you have it in blue"},
            {"complaint", "I want to make a complaint", "your service is terrible", "I'm very unhappy with this", "file a formal complaint", "this is unacceptable"},
            {"compliment", "great service thank you", "the agent was very helpful", "I love your product", "thanks for the quick help", "excellent support"},
            {"account_deletion", "delete my account", "remove my personal data", "close my account permanently", "GDPR erasure request", "I want my data deleted"}};

    private AnalysisBenchmark() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        Mem before = Mem.now();
        Redactor redactor = Redactor.create();
        Mem detection = Mem.now();
        report("detection (gazetteers + name model)", t0, before, detection);
        t0 = System.nanoTime();
        Sentiment sentiment = Sentiment.load();
        Mem afterSentiment = Mem.now();
        report("sentiment (VADER lexicon)", t0, detection, afterSentiment);
        t0 = System.nanoTime();
        LanguageDetection languages = new LanguageDetection(new LanguageDetection.Settings(LOW_ACCURACY, 0.01, 6, 8));
        languages.preload(LanguageSentences.LANGUAGES);
        Mem afterLanguages = Mem.now();
        report("language (lingua, " + LanguageSentences.LANGUAGES.size() + " languages, "
                + (LOW_ACCURACY ? "low" : "high") + " accuracy)", t0, afterSentiment, afterLanguages);
        t0 = System.nanoTime();
        Embeddings embeddings = Embeddings.load(1);
        Mem afterEmbeddings = Mem.now();
        report("intents (MiniLM-L6-v2 q, onnxruntime)", t0, afterLanguages, afterEmbeddings);
        System.out.printf(Locale.ROOT, "all models loaded: heap %d MB, RSS %d MB%n%n", afterEmbeddings.heapMb, afterEmbeddings.rssMb);

        LanguageSentences test = LanguageSentences.read(LanguageSentences.TEST);
        LanguageSentences dev = LanguageSentences.read(LanguageSentences.DEV);
        System.out.println("language accuracy among the 7 languages, no hint (a text too short to tell counts as the first, en)");
        System.out.println("| set | mode | overall | " + String.join(" | ", LanguageSentences.LANGUAGES) + " |");
        System.out.println("|---|---|---|" + "---|".repeat(LanguageSentences.LANGUAGES.size()));
        for (boolean low : new boolean[] {false, true}) {
            LanguageDetection d = new LanguageDetection(new LanguageDetection.Settings(low, 0.01, 6, 8));
            for (var set : List.of(new Object[] {"test (280 sentences)", test}, new Object[] {"dev (70 short phrases)", dev})) {
                LanguageSentences.Accuracy a = ((LanguageSentences) set[1]).accuracy(d, LanguageSentences.LANGUAGES);
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %.4f |", set[0], low ? "low" : "high", a.overall()));
                LanguageSentences.LANGUAGES.forEach(l -> row.append(String.format(Locale.ROOT, " %.3f |", a.of(l))));
                System.out.println(row);
            }
        }
        System.out.println();

        List<Intent> intents = new ArrayList<>(IntentExamples.intents());
        for (String[] more : MORE_INTENTS) {
            intents.add(new Intent(more[0], List.of(more).subList(1, more.length)));
        }
        IntentMatcher matcher = new IntentMatcher(embeddings, new IntentMatcher.Settings(0.4, 16, 10_000));
        PartnerPolicy policy = new PartnerPolicy(Set.of("GPE", "DATE", "TIME", "ORG", "NAME", "MONEY", "EMAIL", "NUMERIC", "ID"),
                MaskStyle.LABEL, List.of(), List.copyOf(intents));
        DetectingAnalyzer analyzer = new DetectingAnalyzer(redactor, sentiment, languages, matcher, LanguageSentences.LANGUAGES);
        RedactionPolicy every = RedactionPolicy.defaults();
        int chars = MESSAGES.stream().mapToInt(String::length).sum();
        System.out.printf(Locale.ROOT, "speed: %d typical chat messages (mean %d characters), one thread, messages per "
                + "second of process CPU time; %d intents × 5 phrases%n", MESSAGES.size(), chars / MESSAGES.size(), intents.size());
        System.out.println("| step | msgs/s per core, process CPU (median) | rounds | msgs/s, the thread's CPU (median) |");
        System.out.println("|---|---|---|---|");
        speed("detection alone (Redactor, A+C)", m -> redactor.redact(m, every));
        speed("sentiment alone", sentiment::score);
        speed("language alone (7 languages)", m -> languages.detect(m, LanguageSentences.LANGUAGES, "en"));
        speed("intents alone (20 × 5, phrases cached)", m -> matcher.match(m, policy.intents()));
        speed("full analysis (DetectingAnalyzer)", m -> {
            Analysis a = analyzer.analyze(m, "en", policy);
            if (a.redactedText().isEmpty() && !m.isEmpty()) {
                throw new IllegalStateException();
            }
        });
        Mem end = Mem.now();
        System.out.printf(Locale.ROOT, "%nafter the run: heap %d MB, RSS %d MB%n", end.heapMb, end.rssMb);
    }

    private static void speed(String name, Consumer<String> step) {
        run(step, WARMUP_SECONDS);
        List<Double> rates = new ArrayList<>();
        List<Double> threadRates = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            double[] rate = run(step, SECONDS);
            rates.add(rate[0]);
            threadRates.add(rate[1]);
        }
        rates.sort(Double::compare);
        threadRates.sort(Double::compare);
        System.out.printf(Locale.ROOT, "| %s | %,.0f | %s | %,.0f |%n", name, rates.get(rates.size() / 2),
                rates.stream().map(x -> String.format(Locale.ROOT, "%,.0f", x)).toList(), threadRates.get(threadRates.size() / 2));
    }

    /**
     * Messages per second of the process's CPU time (GC, JIT and any library thread included) and of the
     * measuring thread's alone (comparable with RedactionQualityBenchmark), over about {@code seconds} of the former.
     */
    private static double[] run(Consumer<String> step, double seconds) {
        long budget = (long) (seconds * 1e9);
        long start = OS.getProcessCpuTime();
        long threadStart = THREAD.getCurrentThreadCpuTime();
        long n = 0;
        while (OS.getProcessCpuTime() - start < budget) {
            for (String m : MESSAGES) {
                step.accept(m);
                n++;
            }
        }
        return new double[] {n / ((OS.getProcessCpuTime() - start) / 1e9), n / ((THREAD.getCurrentThreadCpuTime() - threadStart) / 1e9)};
    }

    private static void report(String what, long t0, Mem from, Mem to) {
        System.out.printf(Locale.ROOT, "%s: loaded in %d ms, heap +%d MB, RSS %d → %d MB%n", what,
                (System.nanoTime() - t0) / 1_000_000 - to.gcMillis, to.heapMb - from.heapMb, from.rssMb, to.rssMb);
    }

    /** Retained heap after full collections, the process's RSS (Linux /proc), and how long the collections took. */
    private record Mem(long heapMb, long rssMb, long gcMillis) {
        static Mem now() {
            long t = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            Runtime rt = Runtime.getRuntime();
            long heap = (rt.totalMemory() - rt.freeMemory()) >> 20;
            long rss = -1;
            try {
                for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rss = Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                rss = -1;
            }
            return new Mem(heap, rss, (System.nanoTime() - t) / 1_000_000);
        }
    }

    private static int env(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }
}
