package io.switchboard.reporting.rebuild;

import io.agroal.api.AgroalDataSource;
import io.switchboard.events.Topics;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.reporting.messaging.ConsumerProgress;
import io.switchboard.reporting.messages.MessageProjection;
import io.switchboard.reporting.messaging.LiveProjection;
import io.switchboard.reporting.retention.RetentionPurge;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts projection rebuilds ({@link ProjectionRebuild}), one at a time, each on its own thread with its
 * own database connection and Kafka consumer (no consumer group: it assigns every partition itself and
 * commits nothing), and keeps their progress in memory (lost on restart, like an unfinished rebuild,
 * whose scratch schema is then dropped by hand or left behind harmlessly).
 */
@ApplicationScoped
public class Rebuilds {
    private static final Logger LOG = Logger.getLogger(Rebuilds.class);

    private final Map<Long, RebuildStatus> statuses = new ConcurrentHashMap<>();
    private volatile RebuildStatus running;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ConsumerProgress progress;
    @Inject
    LiveProjection live;
    @Inject
    Clock clock;
    @Inject
    RetentionPurge retention;
    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;
    @ConfigProperty(name = "switchboard.reporting.rebuild.batch-size", defaultValue = "2000")
    int batchSize;

    public synchronized RebuildStatus start(List<String> projections) {
        RebuildPlan plan = RebuildPlan.of(projections);
        if (running != null && running.running()) {
            throw new IllegalTransitionException(running.state(), "rebuild " + running.id() + " is still running");
        }
        Instant now = clock.instant();
        long id = now.toEpochMilli();
        RebuildStatus status = RebuildStatus.started(id, plan.projections(), now);
        statuses.put(id, status);
        running = status;
        Thread thread = new Thread(() -> run(id, plan, status), "projection-rebuild-" + id);
        thread.setDaemon(true);
        thread.start();
        return status;
    }

    public RebuildStatus status(long id) {
        RebuildStatus status = statuses.get(id);
        if (status == null) {
            throw new AggregateNotFoundException("rebuild", String.valueOf(id));
        }
        return status;
    }

    private void run(long id, RebuildPlan plan, RebuildStatus initial) {
        Map<String, String> channelTopics = new LinkedHashMap<>();
        channelTopics.put("chat", Topics.CHAT);
        channelTopics.put("interaction", Topics.INTERACTION);
        channelTopics.put("media", Topics.MEDIA);
        channelTopics.put("redaction", Topics.REDACTION);
        ProjectionRebuild rebuild = null;
        try (Connection connection = dataSource.getConnection();
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                     ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                     ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(batchSize)),
                     new StringDeserializer(), new ByteArrayDeserializer())) {
            rebuild = new ProjectionRebuild(id, plan, connection, consumer, channelTopics, progress, live, initial,
                    this::publish, clock);
            try {
                rebuild.run();
                if (plan.swapped().contains(MessageProjection.TABLE)) {
                    purgeReplayed(id);
                }
                publish(rebuild.status().finished(RebuildStatus.COMPLETED, null, clock.instant()));
            } catch (Exception e) {
                LOG.errorf(e, "rebuild %d failed; the served tables are unchanged", id);
                rebuild.cleanUp();
                publish(rebuild.status().finished(RebuildStatus.FAILED, String.valueOf(e.getMessage()), clock.instant()));
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
                try (var s = connection.createStatement()) {
                    s.execute("RESET search_path");
                }
            }
        } catch (Exception e) {
            LOG.errorf(e, "rebuild %d could not start", id);
            publish((rebuild == null ? initial : rebuild.status()).finished(RebuildStatus.FAILED,
                    String.valueOf(e.getMessage()), clock.instant()));
        }
    }

    /**
     * The topic keeps every MessageRedacted, so the replay brought back messages past their retention: they go
     * again now rather than at the next scheduled purge. A failure here leaves that to the schedule; the swapped
     * tables are complete either way.
     */
    private void purgeReplayed(long id) {
        try {
            retention.purge();
        } catch (Exception e) {
            LOG.warnf(e, "rebuild %d: the retention purge after the swap failed; the scheduled one will delete", id);
        }
    }

    private void publish(RebuildStatus status) {
        statuses.put(status.id(), status);
        running = status;
    }
}
