package io.switchboard.reporting.messaging;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.events.EventEnvelope;
import io.switchboard.reporting.projection.Projector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds the chat and interaction topics into the projections, one polled batch at a time
 * ({@code batch=true}): each batch is ONE transaction ({@link Projector#apply(List)}). Blocking and
 * ordered, so one partition's records (one aggregate's events) are applied in order; the offsets are
 * committed only after the batch's transaction committed (at-least-once, made exactly-once in effect
 * by {@code applied_streams}).
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
