package io.switchboard.bench.reporting;

import io.switchboard.consumer.ReadModelConsumer;
import io.switchboard.consumer.positions.AppliedWaits;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.kafka.EnvelopeRecords;
import io.switchboard.eventstore.position.PositionToken;
import io.switchboard.reporting.projection.BatchProjector;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Read-your-writes wait at a steady event rate: synthetic events published at {@code BENCH_RATE} while the
 * reporting consumers apply them (the service's own loop and projections, as in
 * {@link ProjectionLagBenchmark}); for every {@code BENCH_SAMPLE_EVERY}-th event a client starts a wait on
 * its position (libs/consumer {@link AppliedWaits}: the one shared poller, {@code BENCH_POLL_MS} between
 * statements) as soon as the broker acknowledged the event, as a reader would right after the write's
 * response. Prints the wait (acknowledged → wait completed) p50/p90/p99/max, the poller's own share
 * (batch committed → wait completed) and how many statements the poller ran per second for how many waits.
 */
public final class ReadYourWritesBenchmark {
    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(System.getenv().getOrDefault("BENCH_RATE", "1000"));
        int seconds = Integer.parseInt(System.getenv().getOrDefault("BENCH_SECONDS", "30"));
        int warmup = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP_SECONDS", "10"));
        int partners = Integer.parseInt(System.getenv().getOrDefault("BENCH_PARTNERS", "5"));
        int partitions = Integer.parseInt(System.getenv().getOrDefault("BENCH_PARTITIONS", "3"));
        int sampleEvery = Integer.parseInt(System.getenv().getOrDefault("BENCH_SAMPLE_EVERY", "10"));
        long pollMillis = Long.parseLong(System.getenv().getOrDefault("BENCH_POLL_MS", "10"));
        ReportingBench bench = new ReportingBench(partitions);
        System.out.printf("before: %s%n", ReportingBench.load());

        // When each sampled event's batch committed (the moment it became readable).
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        AtomicLong applied = new AtomicLong();
        ReportingBench.BatchListener listener = (batch, at) -> {
            for (EventEnvelope e : batch.events()) {
                committedAt.putIfAbsent(key(e), at);
            }
            applied.addAndGet(batch.events().size());
        };
        List<ReadModelConsumer> consumers = List.of(bench.consumer(bench.chatTopic, listener),
                bench.consumer(bench.interactionTopic, listener));
        consumers.forEach(ReadModelConsumer::start);
        Thread.sleep(3_000); // consumers assigned before the first event

        long total = (long) rate * (seconds + warmup);
        List<EventEnvelope> events = new ArrayList<>((int) total);
        new SyntheticContactCenter(partners, 7).emit(total, events::add);
        EnvelopeRecords records = ReportingBench.records();

        Histogram wait = new ConcurrentHistogram(3_600_000L, 3);
        Histogram notice = new ConcurrentHistogram(3_600_000L, 3);
        AtomicLong waits = new AtomicLong(), timedOut = new AtomicLong(), done = new AtomicLong();
        try (AppliedWaits appliedWaits = new AppliedWaits(new ThreadConnections(bench), BatchProjector.READ_MODEL,
                Duration.ofMillis(pollMillis), 10_000)) {
            long start = System.nanoTime();
            long measureFrom = start + warmup * 1_000_000_000L;
            long statementsAtMeasure = -1;
            long interval = 1_000_000_000L / rate;
            try (KafkaProducer<String, byte[]> producer = bench.producer()) {
                for (int i = 0; i < events.size(); i++) {
                    long due = start + i * interval;
                    long sleep = due - System.nanoTime();
                    if (sleep > 0) {
                        LockSupport.parkNanos(sleep); // parked, not spinning: the consumers need the cores
                    }
                    if (statementsAtMeasure < 0 && due >= measureFrom) {
                        statementsAtMeasure = appliedWaits.statements();
                    }
                    EventEnvelope e = events.get(i);
                    boolean sampled = i % sampleEvery == 0;
                    boolean measured = due >= measureFrom;
                    producer.send(records.toRecord(bench.topicOf(e), e), (metadata, failure) -> {
                        if (!sampled || failure != null) {
                            return;
                        }
                        // The client's read right after its write: wait for the write's position.
                        long acknowledged = System.nanoTime();
                        waits.incrementAndGet();
                        PositionToken token = new PositionToken(e.partnerId(), List.of(new PositionToken.StreamPosition(
                                e.aggregateType(), e.aggregateId(), e.sequence())));
                        appliedWaits.await(token, Duration.ofSeconds(10)).whenComplete((ok, error) -> {
                            long completedMillis = System.currentTimeMillis();
                            if (Boolean.TRUE.equals(ok)) {
                                if (measured) {
                                    wait.recordValue((System.nanoTime() - acknowledged) / 1_000_000);
                                    Long commit = committedAt.get(key(e));
                                    if (commit != null) {
                                        notice.recordValue(Math.max(0, completedMillis - commit));
                                    }
                                }
                            } else {
                                timedOut.incrementAndGet();
                            }
                            done.incrementAndGet();
                        });
                    });
                }
                producer.flush();
            }
            long statementsMeasured = appliedWaits.statements() - Math.max(0, statementsAtMeasure);
            double publishSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("published %,d events in %.1f s (%,.0f events/s), %,d waits; %s%n", events.size(),
                    publishSeconds, events.size() / publishSeconds, waits.get(), ReportingBench.load());
            // Every wait ends (applied or after its 10 s); the figures need nothing more than that.
            while (done.get() < waits.get()) {
                Thread.sleep(100);
            }
            System.out.printf("read-your-writes wait (broker ack -> applied and noticed) over %,d waits after a %d s warm-up"
                            + " at %d events/s, poll %d ms: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms; timed out %d%n",
                    wait.getTotalCount(), warmup, rate, pollMillis, wait.getValueAtPercentile(50),
                    wait.getValueAtPercentile(90), wait.getValueAtPercentile(99), wait.getMaxValue(), timedOut.get());
            System.out.printf("poller's share (batch committed -> wait completed): p50 %d ms, p99 %d ms, max %d ms;"
                            + " statements %.1f/s for %.1f waits/s%n",
                    notice.getValueAtPercentile(50), notice.getValueAtPercentile(99), notice.getMaxValue(),
                    statementsMeasured / (double) seconds, wait.getTotalCount() / (double) seconds);
        }
        consumers.forEach(ReadModelConsumer::close);
        System.out.printf("after: %s%n", ReportingBench.load());
        System.exit(0);
    }

    private static String key(EventEnvelope e) {
        return e.partnerId() + '\n' + e.aggregateId() + '\n' + e.sequence();
    }
}
