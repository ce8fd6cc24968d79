package io.switchboard.reporting.messaging;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.events.EventEnvelope;
import io.switchboard.reporting.projection.Projector;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Feeds the chat and interaction topics into the projections, one polled batch at a time
 * ({@code batch=true}): each partition's part of a batch is ONE transaction ({@link Projector#apply(List)}),
 * the parts applied in parallel ({@code switchboard.reporting.apply-threads}). Blocking and ordered, so
 * one partition's records (one aggregate's events) are applied in order; the offsets are committed only
 * after every part's transaction committed (at-least-once, made exactly-once in effect by
 * {@code applied_streams}).
 *
 * <p>If applying fails (e.g. the database is down) the same batch is retried with exponential back-off
 * ({@link #FIRST_RETRY} doubling up to {@link #MAX_RETRY}) until it succeeds, instead of failing the
 * channel (which would stop consumption until a restart). A batch that can never be applied therefore
 * holds its channel back (logged at every attempt) rather than being skipped: a projection that
 * silently misses an event would be wrong forever.
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    static final Duration FIRST_RETRY = Duration.ofMillis(100);
    static final Duration MAX_RETRY = Duration.ofSeconds(10);

    @Inject
    ConsumerProgress progress;
    @Inject
    LiveProjection live;
    /** How many partitions of one polled batch are applied at once. */
    @ConfigProperty(name = "switchboard.reporting.apply-threads", defaultValue = "3")
    int applyThreads;
    private volatile ExecutorService partitions;

    private ExecutorService partitions() {
        if (partitions == null) {
            synchronized (this) {
                if (partitions == null) {
                    AtomicInteger n = new AtomicInteger();
                    partitions = Executors.newFixedThreadPool(applyThreads, task -> {
                        Thread thread = new Thread(task, "reporting-apply-" + n.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
                }
            }
        }
        return partitions;
    }

    @PreDestroy
    void stop() {
        if (partitions != null) {
            partitions.shutdownNow();
        }
    }

    @Incoming("chat")
    @Blocking
    public void chat(ConsumerRecords<String, EventEnvelope> records) throws InterruptedException {
        consume(records);
    }

    @Incoming("interaction")
    @Blocking
    public void interaction(ConsumerRecords<String, EventEnvelope> records) throws InterruptedException {
        consume(records);
    }

    /**
     * The partitions of a polled batch are applied in parallel, each in its own transaction: a partition
     * holds whole aggregates, so its order is all that must be kept, and one transaction per partition
     * keeps the database's cores busy while another partition's batch is being prepared. The method
     * returns (and the offsets are committed) once every partition's part is applied.
     */
    private void consume(ConsumerRecords<String, EventEnvelope> records) throws InterruptedException {
        if (records.partitions().size() <= 1 || applyThreads <= 1) {
            consumePart(records);
            return;
        }
        List<Future<?>> parts = new ArrayList<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, EventEnvelope>> part = records.records(partition);
            parts.add(partitions().submit(() -> {
                consumePart(part);
                return null;
            }));
        }
        for (Future<?> part : parts) {
            try {
                part.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot apply a partition's part of a batch", e.getCause());
            }
        }
    }

    private void consumePart(Iterable<ConsumerRecord<String, EventEnvelope>> records) throws InterruptedException {
        List<EventEnvelope> events = new ArrayList<>();
        for (ConsumerRecord<String, EventEnvelope> record : records) {
            if (record.value() == null) {
                // A tombstone or a value that was not an envelope (logged by the deserializer): nothing to apply.
                LOG.warnf("skipping record %s-%d@%d without an event envelope", record.topic(), record.partition(),
                        record.offset());
            } else {
                events.add(record.value());
            }
        }
        applyWithRetry(events, () -> {
            for (ConsumerRecord<String, EventEnvelope> record : records) {
                EventEnvelope event = record.value();
                progress.processed(record.topic(), record.partition(), record.offset(),
                        event == null ? null : event.occurredAt(), event == null ? null : event.partnerId());
            }
        });
    }

    private void applyWithRetry(List<EventEnvelope> events, Runnable processed) throws InterruptedException {
        Duration wait = FIRST_RETRY;
        for (int attempt = 1; ; attempt++) {
            try {
                int applied = live.apply(events, processed);
                if (applied < events.size()) {
                    LOG.debugf("%d of %d events were applied before; redelivery ignored", events.size() - applied,
                            events.size());
                }
                return;
            } catch (RuntimeException e) {
                LOG.warnf(e, "cannot apply a batch of %d events (attempt %d); retrying in %d ms", events.size(),
                        attempt, wait.toMillis());
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
            }
        }
    }
}
