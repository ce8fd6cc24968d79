package io.switchboard.bench.reporting;

import io.switchboard.events.EventEnvelope;
import io.switchboard.events.kafka.EnvelopeRecords;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live projection lag: synthetic events published at a steady rate while the reporting consumers run
 * (one per topic, one transaction per polled batch). Per event, the time from its Kafka append (the
 * record's LogAppendTime timestamp) to the commit of the transaction that made it queryable. Prints
 * p50/p99/max. Knobs: {@code BENCH_RATE} events/s (1000), {@code BENCH_SECONDS} (60),
 * {@code BENCH_PARTNERS} (5), {@code BENCH_PARTITIONS} (3).
 */
public final class ProjectionLagBenchmark {
    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(System.getenv().getOrDefault("BENCH_RATE", "1000"));
        int seconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_SECONDS", "60"));
        int partners = Integer.parseInt(System.getenv().getOrDefault("BENCH_PARTNERS", "5"));
        int partitions = Integer.parseInt(System.getenv().getOrDefault("BENCH_PARTITIONS", "3"));
        ReportingBench bench = new ReportingBench(partitions);
        // The first seconds (JIT, first fetches, the group's first commits) are published at the same rate
        // but not measured: the figure is the steady state.
        int warmup = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP_SECONDS", "10"));
        long total = (long) rate * (seconds + warmup);
        java.util.concurrent.atomic.AtomicLong measureFrom = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        System.out.printf("before: %s%n", ReportingBench.load());

        Histogram lag = new Histogram(3_600_000L, 3);
        AtomicLong applied = new AtomicLong();
        ReportingBench.BatchListener measure = (batch, committedAt) -> {
            synchronized (lag) {
                for (long appendedAt : batch.timestamps()) {
                    if (appendedAt >= measureFrom.get()) {
                        lag.recordValue(Math.max(0, committedAt - appendedAt));
                    }
                }
            }
            applied.addAndGet(batch.events().size());
        };
        List<io.switchboard.consumer.ReadModelConsumer> consumers = List.of(bench.consumer(bench.chatTopic, measure),
                bench.consumer(bench.interactionTopic, measure));
        consumers.forEach(io.switchboard.consumer.ReadModelConsumer::start);
        Thread.sleep(3_000); // consumers assigned before the first event

        List<EventEnvelope> events = new ArrayList<>((int) total);
        new SyntheticContactCenter(partners, 7).emit(total, events::add);
        EnvelopeRecords records = ReportingBench.records();
        long start = System.nanoTime();
        measureFrom.set(System.currentTimeMillis() + warmup * 1000L);
        ReportingBench.Cpu cpuBefore = ReportingBench.Cpu.now();
        try (KafkaProducer<String, byte[]> producer = bench.producer()) {
            long interval = 1_000_000_000L / rate;
            for (int i = 0; i < events.size(); i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    // Parked, not spinning: a spinning publisher would take one of the 2 cores from the consumers.
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                EventEnvelope e = events.get(i);
                producer.send(records.toRecord(bench.topicOf(e), e));
            }
            producer.flush();
        }
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("published %,d events in %.1f s (%,.0f events/s); %s%n", events.size(), publishSeconds,
                events.size() / publishSeconds, ReportingBench.load());
        while (applied.get() < events.size()) {
            Thread.sleep(100);
        }
        ReportingBench.Cpu cpuAfter = ReportingBench.Cpu.now();
        System.out.println(cpuAfter.since(cpuBefore, events.size()));
        System.out.println(cpuAfter.threadsSince(cpuBefore));
        consumers.forEach(io.switchboard.consumer.ReadModelConsumer::close);
        synchronized (lag) {
            System.out.printf("append -> queryable (committed) over %,d events after a %d s warm-up: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                    lag.getTotalCount(), warmup, lag.getValueAtPercentile(50), lag.getValueAtPercentile(90),
                    lag.getValueAtPercentile(99), lag.getMaxValue());
        }
        System.out.printf("after: %s%n", ReportingBench.load());
        System.exit(0);
    }
}
