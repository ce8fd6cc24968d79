package io.switchboard.reporting.messaging;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How far the projections are: per partner the time of the newest event applied, and per assigned
 * partition the offset processed against the log-end offset. Everything a response needs is in
 * memory; the log-end offsets are refreshed in the background every {@link #REFRESH}, so
 * {@link #caughtUp()} may say true for at most that long after new events reached Kafka.
 */
@ApplicationScoped
public class ConsumerProgress {
    private static final Logger LOG = Logger.getLogger(ConsumerProgress.class);
    static final Duration REFRESH = Duration.ofMillis(500);
    static final List<String> CHANNELS = List.of("chat", "interaction", "media");

    private final Map<TopicPartition, Long> processed = new ConcurrentHashMap<>();
    private final Map<String, Instant> newestByPartner = new ConcurrentHashMap<>();
    private volatile boolean caughtUp;
    private ScheduledExecutorService refresher;

    @Inject
    KafkaClientService kafka;
    @Inject
    AgroalDataSource dataSource;

    void start(@Observes StartupEvent startup) {
        loadWatermarks();
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reporting-consumer-lag");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** Called after a record's transaction committed (or it was skipped). */
    public void processed(String topic, int partition, long offset, Instant occurredAt, String partnerId) {
        processed.merge(new TopicPartition(topic, partition), offset, Math::max);
        if (occurredAt != null && partnerId != null) {
            newestByPartner.merge(partnerId, occurredAt, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /**
     * Per partition of the channel's topic, the offset of the first record the live projections do not
     * contain yet: the one after the last processed record, or the group's committed offset for a
     * partition nothing was processed from since start-up (0 if none). Exact only while no live batch
     * is being applied ({@link LiveProjection#exclusively}).
     */
    public Map<TopicPartition, Long> nextToProcess(String channel, Map<TopicPartition, Long> endOffsets) {
        KafkaConsumer<Object, Object> consumer = kafka.getConsumer(channel);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer == null ? Map.of()
                : consumer.runOnPollingThread(committedOf(endOffsets.keySet())).await().atMost(Duration.ofSeconds(10));
        Map<TopicPartition, Long> next = new HashMap<>();
        for (TopicPartition partition : endOffsets.keySet()) {
            OffsetAndMetadata commit = committed == null ? null : committed.get(partition);
            long fromCommit = commit == null ? 0 : commit.offset();
            Long last = processed.get(partition);
            next.put(partition, Math.max(fromCommit, last == null ? 0 : last + 1));
        }
        return next;
    }

    private static java.util.function.Function<org.apache.kafka.clients.consumer.Consumer<Object, Object>,
            Map<TopicPartition, OffsetAndMetadata>> committedOf(Set<TopicPartition> partitions) {
        return c -> c.committed(partitions);
    }

    /** The time of the newest event applied for the partner, if any. */
    public Optional<Instant> watermark(String partnerId) {
        return Optional.ofNullable(newestByPartner.get(partnerId));
    }

    /** True when every partition assigned to the consumers has been processed up to its log end. */
    public boolean caughtUp() {
        return caughtUp;
    }

    private void loadWatermarks() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT partner_id, max(newest_at) FROM applied_streams GROUP BY partner_id")) {
            while (rs.next()) {
                newestByPartner.put(rs.getString(1), rs.getTimestamp(2).toInstant());
            }
        } catch (SQLException e) {
            LOG.warn("cannot load the projection watermarks", e);
        }
    }

    private void refresh() {
        try {
            boolean all = true;
            for (String channel : CHANNELS) {
                all &= channelCaughtUp(channel);
            }
            caughtUp = all;
        } catch (RuntimeException e) {
            caughtUp = false;
            LOG.debug("cannot compute the consumer lag", e);
        }
    }

    private boolean channelCaughtUp(String channel) {
        KafkaConsumer<Object, Object> consumer = kafka.getConsumer(channel);
        if (consumer == null) {
            return false;
        }
        record Offsets(Map<TopicPartition, Long> ends, Map<TopicPartition, OffsetAndMetadata> committed) {
        }
        Offsets offsets = consumer.runOnPollingThread(c -> {
            Set<TopicPartition> assignment = c.assignment();
            return new Offsets(c.endOffsets(assignment), assignment.isEmpty() ? Map.of() : c.committed(assignment));
        }).await().atMost(Duration.ofSeconds(5));
        if (offsets.ends().isEmpty()) {
            return false;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>(offsets.committed());
        for (Map.Entry<TopicPartition, Long> end : offsets.ends().entrySet()) {
            long next = processed.getOrDefault(end.getKey(), -1L) + 1;
            OffsetAndMetadata commit = committed.get(end.getKey());
            if (commit != null) {
                next = Math.max(next, commit.offset());
            }
            if (next < end.getValue()) {
                return false;
            }
        }
        return true;
    }
}
