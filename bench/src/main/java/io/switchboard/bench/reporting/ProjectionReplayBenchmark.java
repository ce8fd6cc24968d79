package io.switchboard.bench.reporting;

import io.switchboard.events.kafka.EnvelopeRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replays synthetic contact-center events ({@link SyntheticContactCenter}) from Kafka into empty
 * reporting projections, as the service does (per topic: a polling thread and an applying thread, one
 * transaction per polled batch). Prints the produce rate, then the replay's events/s and end-to-end
 * time (first poll to the last batch committed), and the CPU the JVM and PostgreSQL spent on it.
 *
 * <p>A warm-up replay of {@code BENCH_WARMUP_EVENTS} other events into another empty database comes
 * first and is reported separately: in a fresh JVM the JIT compilers otherwise spend seconds of the
 * measured replay's two cores compiling the very code being measured (the first figure shows what
 * that costs). Knobs: {@code BENCH_EVENTS} (1,000,000), {@code BENCH_WARMUP_EVENTS} (500,000; 0 for
 * none), {@code BENCH_PARTNERS} (5), {@code BENCH_PARTITIONS} (3), {@code BENCH_BATCH} (5000 records
 * per poll; a tenth in the warm-up).
 */
public final class ProjectionReplayBenchmark {
    public static void main(String[] args) throws Exception {
        long events = Long.parseLong(System.getenv().getOrDefault("BENCH_EVENTS", "1000000"));
        long warmup = Long.parseLong(System.getenv().getOrDefault("BENCH_WARMUP_EVENTS", "500000"));
        int partners = Integer.parseInt(System.getenv().getOrDefault("BENCH_PARTNERS", "5"));
        int partitions = Integer.parseInt(System.getenv().getOrDefault("BENCH_PARTITIONS", "3"));
        System.out.printf("before: %s%n", ReportingBench.load());
        if (warmup > 0) {
            System.out.printf("warm-up (not the figure): ");
            // Smaller polls in the warm-up: the code that runs once per batch must be called often enough
            // (≈ 600 times) for the JIT's last tier too, or it is compiled during the measured replay.
            replay(new ReportingBench(partitions, Math.max(100, ReportingBench.BATCH / 10)), warmup, partners, 7, false);
            awaitJitQuiet();
        }
        replay(new ReportingBench(partitions), events, partners, 42, true);
        System.out.printf("after: %s%n", ReportingBench.load());
        System.exit(0);
    }

    /**
     * Waits (at most 30 s) until the JIT compilers have spent less than 50 ms in the last 2 s: on 2 busy
     * cores their queue lags behind the warm-up, and would otherwise drain during the measured replay.
     * (Not until idle: the in-JVM broker's background threads keep a trickle of compilations going.)
     */
    private static void awaitJitQuiet() throws InterruptedException {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        long last = jit.getTotalCompilationTime();
        do {
            Thread.sleep(2_000);
            long now = jit.getTotalCompilationTime();
            if (now - last < 50) {
                last = now;
                break;
            }
            last = now;
        } while (System.nanoTime() - start < 30_000_000_000L);
        System.out.printf("JIT quiet after %.1f s (total compilation time %.1f s)%n", (System.nanoTime() - start) / 1e9,
                last / 1e3);
    }

    private static void replay(ReportingBench bench, long events, int partners, long seed, boolean details)
            throws Exception {
        long produceStart = System.nanoTime();
        AtomicLong produced = new AtomicLong();
        EnvelopeRecords records = ReportingBench.records();
        try (KafkaProducer<String, byte[]> producer = bench.producer()) {
            new SyntheticContactCenter(partners, seed).emit(events, e -> {
                producer.send(records.toRecord(bench.topicOf(e), e));
                produced.incrementAndGet();
            });
            producer.flush();
        }
        double produceSeconds = (System.nanoTime() - produceStart) / 1e9;
        Map<TopicPartition, Long> ends = ReportingBench.endOffsets(bench.bootstrap,
                List.of(bench.chatTopic, bench.interactionTopic));
        long total = ends.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("produced %,d events (%,d in Kafka) for %d partners in %.1f s (%,.0f events/s); %s%n",
                produced.get(), total, partners, produceSeconds, produced.get() / produceSeconds, ReportingBench.load());

        AtomicLong applied = new AtomicLong();
        ReportingBench.Cpu cpuBefore = ReportingBench.Cpu.now();
        long start = System.nanoTime();
        // The consumers stop after the CPU snapshot, so their threads are still there to be counted.
        List<io.switchboard.consumer.ReadModelConsumer> consumers = new java.util.ArrayList<>();
        for (String topic : List.of(bench.chatTopic, bench.interactionTopic)) {
            consumers.add(bench.consumer(topic, (batch, t) -> applied.addAndGet(batch.events().size())));
        }
        consumers.forEach(io.switchboard.consumer.ReadModelConsumer::start);
        long lastReport = System.nanoTime();
        while (applied.get() < total) {
            Thread.sleep(50);
            if (details && System.nanoTime() - lastReport > 10_000_000_000L) {
                lastReport = System.nanoTime();
                System.out.printf("  %,d / %,d applied after %.0f s; %s%n", applied.get(), total,
                        (lastReport - start) / 1e9, ReportingBench.load());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ReportingBench.Cpu cpuAfter = ReportingBench.Cpu.now();
        consumers.forEach(io.switchboard.consumer.ReadModelConsumer::close);
        System.out.printf("replayed %,d events into empty projections in %.1f s: %,.0f events/s (batch %d, %d partitions, %d consumer(s) per topic, %d groups applied at once%s)%n",
                total, seconds, total / seconds, bench.batch, bench.partitions, 1,
                ReportingBench.APPLY_THREADS, ", split by stream");
        System.out.println(cpuAfter.since(cpuBefore, total));
        if (details) {
            System.out.println(cpuAfter.threadsSince(cpuBefore));
            System.out.printf("batch threads spent %.1f s waiting for their batches to be applied and committed (sum)%n",
                    bench.databaseNanos.get() / 1e9);
            System.out.printf("rows: calls %,d, call_participants %,d, chats %,d, agent_status_log %,d, changed_details %,d, consumer_applied_streams %,d%n",
                    bench.count("calls"), bench.count("call_participants"), bench.count("chats"),
                    bench.count("agent_status_log"), bench.count("changed_details"), bench.count("consumer_applied_streams"));
        }
    }
}
