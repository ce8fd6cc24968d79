package io.switchboard.reporting.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.consumer.ConsumerSpec;
import io.switchboard.consumer.ReadModelConsumer;
import io.switchboard.consumer.quarkus.ReadModelConsumers;
import io.switchboard.events.Topics;
import io.switchboard.reporting.projection.Projector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Feeds the chat, interaction, media and redaction topics into the projections through libs/consumer: one loop per
 * topic (read model {@code reporting}), each polled batch split by stream into groups applied in parallel
 * ({@link GroupedBatches}, {@code switchboard.reporting.apply-threads} groups, one transaction each) under
 * the live lock ({@link LiveProjection}). The loop decodes, parks what cannot be decoded, keeps heartbeats
 * and the system partner away from the projections, retries a failing batch forever with back-off, and
 * commits the offsets only after every group committed.
 */
@ApplicationScoped
public class EventConsumer {
    /** The read model's name in {@code consumer_applied_streams}. */
    public static final String READ_MODEL = io.switchboard.reporting.projection.BatchProjector.READ_MODEL;

    private final ReadModelConsumers consumers;
    private final Projector projector;
    private final LiveProjection live;
    private final int applyThreads;
    private final int batchSize;
    private final Duration fetchWait;
    private final Map<String, String> groups = new LinkedHashMap<>();
    private final Map<String, ReadModelConsumer> loops = new LinkedHashMap<>();
    private ExecutorService appliers;

    public EventConsumer(ReadModelConsumers consumers, Projector projector, LiveProjection live,
                         @ConfigProperty(name = "switchboard.reporting.apply-threads", defaultValue = "4") int applyThreads,
                         @ConfigProperty(name = "switchboard.reporting.batch-size", defaultValue = "5000") int batchSize,
                         @ConfigProperty(name = "switchboard.reporting.fetch-wait") Duration fetchWait,
                         @ConfigProperty(name = "switchboard.reporting.group.chat", defaultValue = "switchboard-reporting-chat-2") String chatGroup,
                         @ConfigProperty(name = "switchboard.reporting.group.interaction", defaultValue = "switchboard-reporting-interaction-2") String interactionGroup,
                         @ConfigProperty(name = "switchboard.reporting.group.media", defaultValue = "switchboard-reporting-media") String mediaGroup,
                         @ConfigProperty(name = "switchboard.reporting.group.redaction", defaultValue = "switchboard-reporting-redaction") String redactionGroup) {
        this.consumers = consumers;
        this.projector = projector;
        this.live = live;
        this.applyThreads = applyThreads;
        this.batchSize = batchSize;
        this.fetchWait = fetchWait;
        groups.put(Topics.CHAT, chatGroup);
        groups.put(Topics.INTERACTION, interactionGroup);
        groups.put(Topics.MEDIA, mediaGroup);
        groups.put(Topics.REDACTION, redactionGroup);
    }

    void start(@Observes StartupEvent startup) {
        AtomicInteger n = new AtomicInteger();
        appliers = Executors.newFixedThreadPool(applyThreads, task -> {
            Thread thread = new Thread(task, "reporting-apply-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        groups.forEach((topic, group) -> loops.put(topic, consumers.start(ConsumerSpec.named(loopName(topic))
                .readModel(READ_MODEL)
                .topics(topic)
                .group(group)
                .batches(new GroupedBatches(projector, appliers, applyThreads))
                .gate(live)
                // A fetch waits for 64 KB or fetch-wait, so a trickle of events is not cut into single-record
                // batches; while idle, fetch-wait is also how often each loop asks the broker (application.properties).
                .kafka("max.poll.records", batchSize)
                .kafka("fetch.min.bytes", 65536)
                .kafka("fetch.max.wait.ms", (int) fetchWait.toMillis())
                .build())));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        loops.values().forEach(ReadModelConsumer::close);
        if (appliers != null) {
            appliers.shutdownNow();
        }
    }

    static String loopName(String topic) {
        return READ_MODEL + "-" + topic.substring(topic.lastIndexOf('.') + 1);
    }

    /** The live loops, by topic. */
    public Map<String, ReadModelConsumer> loops() {
        return Map.copyOf(loops);
    }

    public List<String> topics() {
        return List.copyOf(groups.keySet());
    }
}
