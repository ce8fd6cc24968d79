package io.switchboard.reporting.rebuild;

import io.switchboard.consumer.ReadModelConsumer;
import io.switchboard.events.EventCodec;
import io.switchboard.events.EventEnvelope;
import io.switchboard.reporting.messaging.ConsumerProgress;
import io.switchboard.reporting.messaging.LiveProjection;
import io.switchboard.reporting.projection.BatchProjector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One rebuild: replays the topics from offset 0 into fresh tables in schema {@code rebuild_<id>}
 * ({@code CREATE TABLE … (LIKE public.t INCLUDING ALL)}: same columns, defaults, keys and indexes; the
 * change sequence stays the shared one, so every rebuilt row gets a new tailing cursor), while the API
 * keeps reading the old tables. The replay never goes past what the live consumers have processed
 * (their processed offsets, {@link ConsumerProgress#nextToProcess}). Once it has caught up with them it
 * takes the live lock ({@link LiveProjection#exclusively}: no live batch in flight, the live consumers
 * wait), applies the last records up to the live consumers' exact positions, and swaps the tables in
 * one transaction ({@code ALTER TABLE … SET SCHEMA}, indexes renamed to the old names). The old tables
 * and the scratch schema are dropped afterwards. Live events are not lost: those before the live
 * positions are in the rebuilt tables, those after are applied by the live consumers after the swap,
 * to the new tables.
 *
 * <p>The replay's applied positions go to the shared {@code consumer_applied_streams} under the read-model
 * name {@code reporting-rebuild-<id>}; a full rebuild swaps them in for {@code reporting}'s in the same
 * transaction, a partial one deletes them. Like the live loops, the replay never hands heartbeats or other
 * events of the system partner to the projections, and passes over records that are not envelopes (the
 * live loops have parked them).
 */
final class ProjectionRebuild {
    private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);

    private final long id;
    private final RebuildPlan plan;
    private final Connection connection;
    private final KafkaConsumer<String, byte[]> consumer;
    private final EventCodec codec = EventCodec.standard();
    private final Map<String, String> channelTopics;
    private final ConsumerProgress progress;
    private final LiveProjection live;
    private final Consumer<RebuildStatus> publish;
    private final Clock clock;
    private RebuildStatus status;
    private long applied;

    ProjectionRebuild(long id, RebuildPlan plan, Connection connection, KafkaConsumer<String, byte[]> consumer,
                      Map<String, String> channelTopics, ConsumerProgress progress, LiveProjection live,
                      RebuildStatus status, Consumer<RebuildStatus> publish, Clock clock) {
        this.id = id;
        this.plan = plan;
        this.connection = connection;
        this.consumer = consumer;
        this.channelTopics = channelTopics;
        this.progress = progress;
        this.live = live;
        this.status = status;
        this.publish = publish;
        this.clock = clock;
    }

    private String schema() {
        return "rebuild_" + id;
    }

    /** The replay's own name in consumer_applied_streams. */
    private String readModel() {
        return BatchProjector.READ_MODEL + "-rebuild-" + id;
    }

    void run() throws Exception {
        BatchProjector projector = new BatchProjector(readModel(), plan.apply());
        createTables();
        List<TopicPartition> partitions = new ArrayList<>();
        channelTopics.values().forEach(topic -> consumer.partitionsFor(topic)
                .forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        try (Statement s = connection.createStatement()) {
            s.execute("SET search_path TO " + schema() + ", public");
        }
        connection.setAutoCommit(false);

        while (!caughtUp(liveTargets())) {
            replay(projector, liveTargets(), RebuildStatus.REPLAYING);
        }
        live.exclusively(() -> {
            Map<TopicPartition, Long> targets = liveTargets();
            while (!caughtUp(targets)) {
                replay(projector, targets, RebuildStatus.SWAPPING);
            }
            swap();
            return null;
        });
        dropQuietly(schema());
        forgetPositionsQuietly();
        publish(RebuildStatus.SWAPPING);
    }

    /** Where the live consumers are: the rebuild may apply everything before, nothing after. */
    private Map<TopicPartition, Long> liveTargets() throws InterruptedException {
        List<TopicPartition> partitions = new ArrayList<>();
        channelTopics.values().forEach(topic -> consumer.partitionsFor(topic)
                .forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
        return progress.nextToProcess(partitions, Duration.ofSeconds(30));
    }

    private boolean caughtUp(Map<TopicPartition, Long> targets) {
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            if (consumer.position(target.getKey()) < target.getValue()) {
                return false;
            }
        }
        publish(status.state());
        return true;
    }

    /** One poll: applies the records before the targets in one transaction, seeks back over the rest. */
    private void replay(BatchProjector projector, Map<TopicPartition, Long> targets, String state) throws SQLException {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
        List<EventEnvelope> batch = new ArrayList<>(records.count());
        for (TopicPartition partition : records.partitions()) {
            long target = targets.getOrDefault(partition, 0L);
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (record.offset() >= target) {
                    consumer.seek(partition, record.offset());
                    break;
                }
                EventEnvelope event = decode(record);
                if (event != null && !ReadModelConsumer.isSystem(event)) {
                    batch.add(event);
                }
            }
        }
        if (!batch.isEmpty()) {
            projector.apply(connection, batch);
            connection.commit();
            applied += batch.size();
        }
        publish(state);
    }

    /** The envelope, or null for a record that is not one (the live loops parked it in consumer_dead_letters). */
    private EventEnvelope decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return codec.decode(record.value());
        } catch (RuntimeException undecodable) {
            LOG.debugf("rebuild %d passes over %s-%d@%d: not an event envelope", id, record.topic(), record.partition(),
                    record.offset());
            return null;
        }
    }

    private void publish(String state) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            lag += Math.max(0, end.getValue() - consumer.position(end.getKey()));
        }
        status = status.progress(state, applied, lag, clock.instant());
        publish.accept(status);
    }

    RebuildStatus status() {
        return status;
    }

    private void createTables() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE SCHEMA " + schema());
            for (String table : plan.created()) {
                s.execute("CREATE TABLE " + schema() + "." + table + " (LIKE public." + table + " INCLUDING ALL)");
            }
        }
    }

    /** In one transaction: the old tables out of the way, the rebuilt ones in, with the old index names. */
    private void swap() throws SQLException {
        String retired = "retired_" + id;
        try (Statement s = connection.createStatement()) {
            s.execute("RESET search_path");
            s.execute("CREATE SCHEMA " + retired);
            if (plan.positions()) {
                // The rebuilt tables hold exactly the replayed events: their positions become the read model's.
                try (PreparedStatement positions = connection.prepareStatement(
                        "DELETE FROM public.consumer_applied_streams WHERE read_model = ?")) {
                    positions.setString(1, BatchProjector.READ_MODEL);
                    positions.executeUpdate();
                }
                try (PreparedStatement positions = connection.prepareStatement(
                        "UPDATE public.consumer_applied_streams SET read_model = ? WHERE read_model = ?")) {
                    positions.setString(1, BatchProjector.READ_MODEL);
                    positions.setString(2, readModel());
                    positions.executeUpdate();
                }
            }
            for (String table : plan.swapped()) {
                Map<String, String> oldByShape = new HashMap<>();
                indexes("public", table).forEach((name, shape) -> oldByShape.put(shape, name));
                s.execute("ALTER TABLE public." + table + " SET SCHEMA " + retired);
                s.execute("ALTER TABLE " + schema() + "." + table + " SET SCHEMA public");
                for (Map.Entry<String, String> index : indexes("public", table).entrySet()) {
                    String oldName = oldByShape.get(index.getValue());
                    if (oldName != null && !oldName.equals(index.getKey())) {
                        s.execute("ALTER INDEX public." + index.getKey() + " RENAME TO " + oldName);
                    }
                }
            }
            connection.commit();
            s.execute("DROP SCHEMA " + retired + " CASCADE");
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
        LOG.infof("rebuild %d swapped %s", id, plan.swapped());
    }

    /** Index name → its definition without the name (e.g. "UNIQUE USING btree (partner_id, id)"). */
    private Map<String, String> indexes(String schema, String table) throws SQLException {
        Map<String, String> shapes = new HashMap<>();
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT indexname, regexp_replace(indexdef, '^CREATE (UNIQUE )?INDEX \\S+ ON \\S+ ', '\\1')
                  FROM pg_indexes WHERE schemaname = ? AND tablename = ?""")) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    shapes.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return shapes;
    }

    /** After a failure or success: the scratch schema goes (the served tables were never touched before the swap). */
    void dropQuietly(String schema) {
        try {
            connection.rollback();
            try (Statement s = connection.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
            connection.commit();
        } catch (SQLException e) {
            LOG.warnf(e, "cannot drop schema %s", schema);
        }
    }

    /** The replay's private positions (a partial rebuild's, or a failed one's). */
    private void forgetPositionsQuietly() {
        try {
            connection.rollback();
            try (PreparedStatement s = connection.prepareStatement(
                    "DELETE FROM public.consumer_applied_streams WHERE read_model = ?")) {
                s.setString(1, readModel());
                s.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            LOG.warnf(e, "cannot drop the positions of %s", readModel());
        }
    }

    void cleanUp() {
        dropQuietly(schema());
        forgetPositionsQuietly();
    }
}
