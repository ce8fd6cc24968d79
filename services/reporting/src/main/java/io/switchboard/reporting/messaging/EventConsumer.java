package io.switchboard.reporting.messaging;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.events.EventEnvelope;
import io.switchboard.reporting.projection.Projector;
import io.switchboard.reporting.projection.StreamGroups;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
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
 * Feeds the chat, interaction and media topics into the projections, one polled batch at a time
 * ({@code batch=true}), split by stream into groups applied in parallel, each ONE transaction
 * ({@link Projector#apply(List)}, {@code switchboard.reporting.apply-threads} groups). Blocking and
 * ordered, and each aggregate's events stay together and in order; the offsets are committed only after
 * every group's transaction committed (at-least-once, made exactly-once in effect by
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
    @Inject
    Projector projector;
    /** How many groups of one polled batch are applied at once ({@link StreamGroups}). */
    @ConfigProperty(name = "switchboard.reporting.apply-threads", defaultValue = "4")
    int applyThreads;
    private volatile ExecutorService appliers;

    private ExecutorService appliers() {
        if (appliers == null) {
            synchronized (this) {
                if (appliers == null) {
                    AtomicInteger n = new AtomicInteger();
                    appliers = Executors.newFixedThreadPool(applyThreads, task -> {
                        Thread thread = new Thread(task, "reporting-apply-" + n.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
                }
            }
        }
        return appliers;
    }

    @PreDestroy
    void stop() {
        if (appliers != null) {
            appliers.shutdownNow();
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

    @Incoming("media")
    @Blocking
    public void media(ConsumerRecords<String, EventEnvelope> records) throws InterruptedException {
        consume(records);
    }

    /**
     * A polled batch is split by stream ({@link StreamGroups}) and the groups are applied in parallel,
     * each in its own transaction: each aggregate's events stay in order in one group, and the groups
     * keep the database's cores busy while another group is being prepared. The whole batch, and the
     * record of its offsets as processed, run under the live lock's shared side; the method returns (and
     * SmallRye commits the offsets) once every group is applied.
     */
    private void consume(ConsumerRecords<String, EventEnvelope> records) throws InterruptedException {
        List<EventEnvelope> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, EventEnvelope> record : records) {
            if (record.value() == null) {
                // A tombstone or a value that was not an envelope (logged by the deserializer): nothing to apply.
                LOG.warnf("skipping record %s-%d@%d without an event envelope", record.topic(), record.partition(),
                        record.offset());
            } else {
                events.add(record.value());
            }
        }
        List<List<EventEnvelope>> groups = StreamGroups.split(events, applyThreads);
        live.shared(() -> {
            applyAll(groups);
            for (ConsumerRecord<String, EventEnvelope> record : records) {
                EventEnvelope event = record.value();
                progress.processed(record.topic(), record.partition(), record.offset(),
                        event == null ? null : event.occurredAt(), event == null ? null : event.partnerId());
            }
        });
    }

    private void applyAll(List<List<EventEnvelope>> groups) throws InterruptedException {
        if (groups.size() == 1) {
            applyWithRetry(groups.get(0));
            return;
        }
        List<Future<?>> applying = new ArrayList<>(groups.size());
        for (List<EventEnvelope> group : groups) {
            applying.add(appliers().submit(() -> {
                applyWithRetry(group);
                return null;
            }));
        }
        for (Future<?> group : applying) {
            try {
                group.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot apply a group of a batch", e.getCause());
            }
        }
    }

    private void applyWithRetry(List<EventEnvelope> events) throws InterruptedException {
        Duration wait = FIRST_RETRY;
        for (int attempt = 1; ; attempt++) {
            try {
                int applied = projector.apply(events).size();
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
