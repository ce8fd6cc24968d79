package io.switchboard.reporting.messaging;

import io.switchboard.consumer.ReadModelConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far the projections are, from the live consumer loops' memory (nothing here reads the database or
 * Kafka on a request): the watermark ({@link Watermark}, from the heartbeats the loops applied and whether
 * they have processed every assigned partition up to its log end at their last refresh, every 500 ms), and
 * the live positions a projection rebuild must stop at.
 *
 * <p>{@code switchboard.reporting.watermark.sources}: the writing services whose heartbeats must be in
 * (default {@code chat,interaction,media}, the topics reporting consumes; a source listed that never sends
 * a heartbeat keeps the watermark at {@code none}, so list only services that run in the deployment).
 * {@code switchboard.reporting.watermark.max-lag}: how old the watermark may be and still count as caught
 * up (default 3 × the 5 s heartbeat interval).
 */
@ApplicationScoped
public class ConsumerProgress {
    private final EventConsumer consumers;
    private final List<String> sources;
    private final Duration maxLag;
    private final Clock clock;

    public ConsumerProgress(EventConsumer consumers,
                            @ConfigProperty(name = "switchboard.reporting.watermark.sources", defaultValue = "chat,interaction,media") List<String> sources,
                            @ConfigProperty(name = "switchboard.reporting.watermark.max-lag", defaultValue = "PT15S") Duration maxLag,
                            Clock clock) {
        this.consumers = consumers;
        this.sources = List.copyOf(sources);
        this.maxLag = maxLag;
        this.clock = clock;
    }

    public Watermark watermark() {
        Collection<ReadModelConsumer> loops = consumers.loops().values();
        Map<String, Instant> newest = new HashMap<>();
        boolean caughtUp = !loops.isEmpty();
        for (ReadModelConsumer loop : loops) {
            loop.heartbeats().forEach((source, at) -> newest.merge(source, at, (a, b) -> a.isAfter(b) ? a : b));
            caughtUp &= loop.caughtUp();
        }
        return Watermark.of(newest, sources, caughtUp, clock.instant(), maxLag);
    }

    /**
     * Per partition of the given topics, the offset of the first record the live projections do not
     * contain yet. Exact only while no live batch is being applied ({@link LiveProjection#exclusively}).
     * Waits (at most {@code patience}) for the live loops to have every partition assigned.
     */
    public Map<TopicPartition, Long> nextToProcess(Collection<TopicPartition> partitions, Duration patience)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Map<TopicPartition, Long> live = new HashMap<>();
            consumers.loops().values().forEach(loop -> live.putAll(loop.nextToProcess()));
            if (live.keySet().containsAll(partitions)) {
                Map<TopicPartition, Long> next = new HashMap<>();
                partitions.forEach(p -> next.put(p, live.get(p)));
                return next;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the live consumers have not been assigned every partition of "
                        + partitions + " yet");
            }
            Thread.sleep(100);
        }
    }
}
