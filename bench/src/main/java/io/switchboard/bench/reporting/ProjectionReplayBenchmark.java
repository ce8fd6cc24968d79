package io.switchboard.bench.reporting;

import io.switchboard.events.kafka.EnvelopeRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replays synthetic contact-center events ({@link SyntheticContactCenter}) from Kafka into empty
 * reporting projections, as the service does (one consumer per topic, one transaction per polled
 * batch). Prints the produce rate, then the replay's events/s and end-to-end time (first poll to the
 * last batch committed). Knobs: {@code BENCH_EVENTS} (1,000,000), {@code BENCH_PARTNERS} (5),
 * {@code BENCH_PARTITIONS} (3), {@code BENCH_BATCH} (2000 records per poll), {@code BENCH_CONSUMERS} per topic (1, like the service).
 */
public final class ProjectionReplayBenchmark {
    public static void main(String[] args) throws Exception {
        long events = Long.parseLong(System.getenv().getOrDefault("BENCH_EVENTS", "1000000"));
        int partners = Integer.parseInt(System.getenv().getOrDefault("BENCH_PARTNERS", "5"));
        int partitions = Integer.parseInt(System.getenv().getOrDefault("BENCH_PARTITIONS", "3"));
        ReportingBench bench = new ReportingBench(partitions);
        System.out.printf("before: %s%n", ReportingBench.load());

        long produceStart = System.nanoTime();
        AtomicLong produced = new AtomicLong();
        EnvelopeRecords records = ReportingBench.records();
        try (KafkaProducer<String, byte[]> producer = bench.producer()) {
            new SyntheticContactCenter(partners, 42).emit(events, e -> {
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
        List<Thread> consumers = new java.util.ArrayList<>();
        for (int i = 0; i < ReportingBench.CONSUMERS; i++) {
            for (String topic : List.of(bench.chatTopic, bench.interactionTopic)) {
                consumers.add(bench.consumer(topic, () -> applied.get() >= total, (r, t) -> applied.addAndGet(r.count())));
            }
        }
        consumers.forEach(Thread::start);
        long lastReport = System.nanoTime();
        while (applied.get() < total) {
            Thread.sleep(200);
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                lastReport = System.nanoTime();
                System.out.printf("  %,d / %,d applied after %.0f s; %s%n", applied.get(), total,
                        (lastReport - start) / 1e9, ReportingBench.load());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ReportingBench.Cpu cpuAfter = ReportingBench.Cpu.now();
        for (Thread consumer : consumers) {
            consumer.join(5_000);
        }
        System.out.printf("replayed %,d events into empty projections in %.1f s: %,.0f events/s (batch %d, %d partitions and %d consumers per topic)%n",
                total, seconds, total / seconds, ReportingBench.BATCH, partitions, ReportingBench.CONSUMERS);
        System.out.printf("consumer threads spent %.1f s applying + committing batches (sum over the threads)%n",
                bench.databaseNanos.get() / 1e9);
        System.out.println(cpuAfter.since(cpuBefore, total));
        System.out.printf("rows: calls %,d, call_participants %,d, chats %,d, agent_status_log %,d, changed_details %,d, applied_streams %,d%n",
                bench.count("calls"), bench.count("call_participants"), bench.count("chats"),
                bench.count("agent_status_log"), bench.count("changed_details"), bench.count("applied_streams"));
        System.out.printf("after: %s%n", ReportingBench.load());
        System.exit(0);
    }
}
