package io.switchboard.bench;

import io.switchboard.events.WireTime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToLongFunction;

/**
 * libs/events {@link WireTime}'s hand-written parser and writer of the canonical form
 * ({@code 2026-11-21T09:30:00.123Z}) side by side with the JDK's {@link Instant#parse},
 * {@link OffsetDateTime#parse} and {@link WireTime#FORMAT}: nanoseconds per instant over the same strings,
 * rounds alternating between the contenders, median of the rounds. Time is the thread's CPU time, so a
 * machine shared with other work (ours often is) inflates the figures less than wall-clock time would. No
 * JMH: a warm-up, then {@code BENCH_ROUNDS} rounds of {@code BENCH_INSTANTS} instants each; the results feed
 * a sum that is printed, so no call is dead code.
 */
public final class WireTimeBenchmark {
    private static final int INSTANTS = env("BENCH_INSTANTS", 200_000);
    private static final int ROUNDS = env("BENCH_ROUNDS", 15);
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private WireTimeBenchmark() {
    }

    public static void main(String[] args) {
        Random random = new Random(42);
        Instant from = Instant.parse("2020-01-01T00:00:00Z");
        Instant[] instants = new Instant[INSTANTS];
        String[] texts = new String[INSTANTS];
        for (int i = 0; i < INSTANTS; i++) {
            instants[i] = from.plusMillis((long) (random.nextDouble() * 10L * 365 * 86_400_000L))
                    .truncatedTo(ChronoUnit.MILLIS);
            texts[i] = WireTime.format(instants[i]);
        }
        List<Contender> parsers = List.of(
                new Contender("WireTime.parse (hand)", texts, t -> WireTime.parse((String) t).toEpochMilli()),
                new Contender("Instant.parse", texts, t -> Instant.parse((String) t).toEpochMilli()),
                new Contender("OffsetDateTime.parse", texts,
                        t -> OffsetDateTime.parse((String) t).toInstant().toEpochMilli()));
        List<Contender> writers = List.of(
                new Contender("WireTime.format (hand)", instants, i -> WireTime.format((Instant) i).length()),
                new Contender("WireTime.FORMAT.format", instants, i -> WireTime.FORMAT.format((Instant) i).length()),
                new Contender("Instant.toString", instants, i -> i.toString().length()));
        run("parse the canonical form", parsers);
        run("write the canonical form", writers);
    }

    private static void run(String title, List<Contender> contenders) {
        for (int warmup = 0; warmup < 3; warmup++) {
            contenders.forEach(Contender::round);
        }
        contenders.forEach(c -> c.nanos.clear());
        for (int round = 0; round < ROUNDS; round++) {
            contenders.forEach(Contender::round);
        }
        System.out.printf("%n%s (%,d instants x %d rounds, CPU ns per instant, median [min-max])%n", title, INSTANTS, ROUNDS);
        double base = contenders.get(0).median();
        for (Contender c : contenders) {
            System.out.printf("  %-26s %7.1f  [%.1f-%.1f]  x%.1f%n", c.name, c.median(), c.min(), c.max(), c.median() / base);
        }
        System.out.printf("  (checksum %d)%n", contenders.stream().mapToLong(c -> c.sink).sum());
    }

    private static final class Contender {
        final String name;
        final Object[] inputs;
        final ToLongFunction<Object> work;
        final List<Double> nanos = new ArrayList<>();
        long sink;

        Contender(String name, Object[] inputs, ToLongFunction<Object> work) {
            this.name = name;
            this.inputs = inputs;
            this.work = work;
        }

        void round() {
            long sum = 0;
            long start = CPU.getCurrentThreadCpuTime();
            for (Object input : inputs) {
                sum += work.applyAsLong(input);
            }
            nanos.add((double) (CPU.getCurrentThreadCpuTime() - start) / inputs.length);
            sink += sum;
        }

        double median() {
            double[] sorted = nanos.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return sorted[sorted.length / 2];
        }

        double min() {
            return nanos.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        }

        double max() {
            return nanos.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }
    }

    private static int env(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value);
    }
}
