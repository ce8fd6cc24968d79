package io.switchboard.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.switchboard.consumer.positions.AppliedPositions;
import io.switchboard.consumer.quarkus.ConsumerHealth;
import io.switchboard.events.EventCodec;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.chat.ChatEvents.ChatMarked;
import io.switchboard.testing.events.EnvelopePublisher;
import io.switchboard.testing.events.TestEnvelopes;
import io.switchboard.events.system.SystemEvents;
import io.switchboard.events.system.SystemEvents.Heartbeat;
import io.switchboard.testing.RealKafka;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer loop through the real broker into the real PostgreSQL: exactly-once effect whatever the
 * redeliveries, retry until applied (a failing read model, a database outage), parking of what cannot be
 * decoded, heartbeats, health, metrics, replay and rebuild.
 */
class ReadModelConsumerTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static ConsumerTestDatabase db;
    private static String bootstrap;
    private static EnvelopePublisher publisher;
    private static KafkaProducer<String, byte[]> raw;

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final List<ReadModelConsumer> started = new ArrayList<>();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() {
        db = new ConsumerTestDatabase("consumer_loop_test");
        bootstrap = RealKafka.shared().bootstrapServers();
        publisher = new EnvelopePublisher(bootstrap);
        raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stop() {
        publisher.close();
        raw.close();
        db.close();
    }

    @AfterEach
    void closeLoops() {
        started.forEach(ReadModelConsumer::close);
        db.up();
    }

    private String topic(int partitions) throws Exception {
        String topic = "consumer-test-" + run + "-" + UUID.randomUUID().toString().substring(0, 4);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    private ReadModelConsumer loop(ConsumerSpec spec) {
        ConsumerSettings settings = ConsumerSettings.of(bootstrap)
                .withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(400)))
                .withStuckAfter(Duration.ofSeconds(1));
        ReadModelConsumer loop = new ReadModelConsumer(spec, settings, new Ledger(db.dataSource), meters,
                EventCodec.standard(), Clock.systemUTC());
        started.add(loop);
        return loop.start();
    }

    private static EventEnvelope event(String partner, String stream, long sequence) {
        return AppliedPositionsTest.event(partner, stream, sequence);
    }

    private double counter(String name, String consumer) {
        return meters.get(name).tag("consumer", consumer).counter().count();
    }

    @Test
    void eachEventIsAppliedOnceWhateverTheRedeliveries() throws Exception {
        String topic = topic(3);
        String name = "once-" + run;
        Tally tally = new Tally(db, name);
        List<EventEnvelope> a = new ArrayList<>(), b = new ArrayList<>();
        for (long n = 1; n <= 10; n++) {
            a.add(event("acme", "chat-a-" + run, n));
            b.add(event("globex", "chat-b-" + run, n));
        }
        // Out of order and twice within what will likely be one batch.
        for (int i : new int[] {2, 0, 1, 2, 4, 3, 5, 6, 7, 8, 9, 0}) {
            publisher.publish(topic, a.get(i));
            publisher.publish(topic, b.get(i));
        }
        ReadModelConsumer loop = loop(ConsumerSpec.named(name).topics(topic).group(name).batches(tally).build());
        await().atMost(PATIENCE).until(() -> tally.events("acme", "chat-a-" + run) == 10
                && tally.events("globex", "chat-b-" + run) == 10);

        // A later redelivery of the first five, then a marker on the same key.
        a.subList(0, 5).forEach(e -> publisher.publish(topic, e));
        publisher.publish(topic, event("acme", "chat-a-" + run, 11));
        await().atMost(PATIENCE).until(() -> tally.events("acme", "chat-a-" + run) == 11);

        assertThat(tally.positionSum("acme", "chat-a-" + run)).isEqualTo(66);
        assertThat(tally.positionSum("globex", "chat-b-" + run)).isEqualTo(55);
        assertThat(counter(ConsumerMetrics.APPLIED, name)).isEqualTo(21);
        assertThat(counter(ConsumerMetrics.DUPLICATES, name)).isEqualTo(9);
        await().atMost(PATIENCE).until(loop::caughtUp);
        assertThat(loop.status().lagRecords()).isZero();

        // Restarted, the group resumes after what it committed: nothing is delivered again.
        loop.close();
        ReadModelConsumer again = loop(ConsumerSpec.named(name).topics(topic).group(name).batches(tally).build());
        publisher.publish(topic, event("acme", "chat-a-" + run, 12));
        await().atMost(PATIENCE).until(() -> tally.events("acme", "chat-a-" + run) == 12);
        assertThat(counter(ConsumerMetrics.DUPLICATES, name)).isEqualTo(9);
        assertThat(again.status().parked()).isZero();
    }

    @Test
    void whatCannotBeDecodedIsParkedAndTheLoopMovesOn() throws Exception {
        String topic = topic(1);
        String name = "park-" + run;
        Tally tally = new Tally(db, name);
        String stream = "chat-p-" + run;
        publisher.publish(topic, event("acme", stream, 1));
        send(topic, stream, "not json at all".getBytes(StandardCharsets.UTF_8));
        send(topic, stream, null);
        send(topic, stream, "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8));
        String wrongPayload = new String(EventCodec.standard().encode(event("acme", stream, 2)), StandardCharsets.UTF_8)
                .replace("\"chatId\":1", "\"chatId\":\"not a number\"");
        send(topic, stream, wrongPayload.getBytes(StandardCharsets.UTF_8));
        publisher.publish(topic, event("acme", stream, 3));

        ReadModelConsumer loop = loop(ConsumerSpec.named(name).topics(topic).group(name).batches(tally).build());
        await().atMost(PATIENCE).until(() -> tally.events("acme", stream) == 2);

        assertThat(tally.positionSum("acme", stream)).isEqualTo(4);
        await().atMost(PATIENCE).until(() -> loop.status().parked() == 4);
        assertThat(counter(ConsumerMetrics.PARKED, name)).isEqualTo(4);
        try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT topic, kafka_partition, kafka_offset, record_key, raw_value, error, parked_at"
                     + " FROM consumer_dead_letters WHERE consumer = '" + name + "' ORDER BY kafka_offset")) {
            List<Long> offsets = new ArrayList<>();
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                assertThat(rs.getString("topic")).isEqualTo(topic);
                assertThat(rs.getInt("kafka_partition")).isZero();
                assertThat(rs.getString("record_key")).isEqualTo(stream);
                assertThat(rs.getString("error")).isNotBlank();
                assertThat(rs.getTimestamp("parked_at")).isNotNull();
                offsets.add(rs.getLong("kafka_offset"));
                byte[] value = rs.getBytes("raw_value");
                values.add(value == null ? null : new String(value, StandardCharsets.UTF_8));
            }
            assertThat(offsets).containsExactly(1L, 2L, 3L, 4L);
            assertThat(values).containsExactly("not json at all", null, "{\"hello\": \"world\"}", wrongPayload);
        }
        await().atMost(PATIENCE).until(loop::caughtUp);
        HealthCheckResponse health = ConsumerHealth.of(List.of(loop), true);
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(health.getData().orElseThrow()).containsEntry(name + ".parked", 4L);
    }

    private static void send(String topic, String key, byte[] value) throws Exception {
        raw.send(new ProducerRecord<>(topic, key, value)).get();
    }

    @Test
    void aFailingReadModelIsRetriedUntilItApplies() throws Exception {
        String topic = topic(1);
        String name = "retry-" + run;
        Tally tally = new Tally(db, name);
        tally.failuresLeft.set(4);
        ReadModelConsumer loop = loop(ConsumerSpec.named(name).topics(topic).group(name).batches(tally).build());
        publisher.publish(topic, event("acme", "chat-r-" + run, 1));

        await().atMost(PATIENCE).until(() -> tally.events("acme", "chat-r-" + run) == 1);
        assertThat(counter(ConsumerMetrics.RETRIES, name)).isGreaterThanOrEqualTo(4);
        assertThat(counter(ConsumerMetrics.APPLIED, name)).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> loop.status().stuckSeconds() == 0);
    }

    @Test
    void aDatabaseOutageIsWaitedOutWithHealthDownWhileStuckAndUpAfter() throws Exception {
        String topic = topic(1);
        String name = "outage-" + run;
        Tally tally = new Tally(db, name);
        String stream = "chat-o-" + run;
        ReadModelConsumer loop = loop(ConsumerSpec.named(name).topics(topic).group(name).batches(tally).build());
        publisher.publish(topic, event("acme", stream, 1));
        await().atMost(PATIENCE).until(() -> tally.events("acme", stream) == 1);

        db.down();
        publisher.publish(topic, event("acme", stream, 2));
        await().atMost(PATIENCE).until(loop::stuck);
        HealthCheckResponse down = ConsumerHealth.of(List.of(loop), false);
        assertThat(down.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(down.getData().orElseThrow().get(name + ".failing_with")).isNotNull();
        assertThat(meters.get(ConsumerMetrics.STUCK).tag("consumer", name).gauge().value()).isGreaterThan(1);
        assertThat(loop.caughtUp()).isFalse();

        db.up();
        await().atMost(PATIENCE).until(() -> tally.events("acme", stream) == 2);
        await().atMost(PATIENCE).until(() -> ConsumerHealth.of(List.of(loop), false).getStatus() == HealthCheckResponse.Status.UP);
        assertThat(loop.status().stuckSeconds()).isZero();
        assertThat(tally.positionSum("acme", stream)).isEqualTo(3);
        assertThat(counter(ConsumerMetrics.RETRIES, name)).isGreaterThan(1);
    }

    @Test
    void heartbeatsAreTrackedPerSourceAndNeverReachTheReadModel() throws Exception {
        String topic = topic(3);
        String name = "beats-" + run;
        Tally tally = new Tally(db, name);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String beats = TestEnvelopes.key(SystemEvents.HEARTBEAT, "chat");
        ReadModelConsumer loop = loop(ConsumerSpec.named(name).topics(topic).group(name).batches(tally).build());
        publisher.publish(topic, TestEnvelopes.envelope(SystemEvents.SYSTEM_PARTNER, SystemEvents.HEARTBEAT, "chat", 1,
                new Heartbeat("chat", t0)));
        publisher.publish(topic, TestEnvelopes.envelope(SystemEvents.SYSTEM_PARTNER, SystemEvents.HEARTBEAT, "chat", 2,
                new Heartbeat("chat", t0.plusSeconds(5))));
        publisher.publish(topic, TestEnvelopes.envelope(SystemEvents.SYSTEM_PARTNER, SystemEvents.HEARTBEAT, "chat", 3,
                new Heartbeat("chat", t0.plusSeconds(3))));
        // Not a heartbeat, but the system partner's: no read model ever sees it either.
        publisher.publishKeyed(topic, beats, TestEnvelopes.envelope(SystemEvents.SYSTEM_PARTNER, "chat", "sys-" + run, 1,
                new ChatMarked(1, 1, "x", null, t0)));
        // A marker on the heartbeats' key (partition): once it is applied, so are they.
        publisher.publishKeyed(topic, beats, event("acme", "chat-m-" + run, 1));

        await().atMost(PATIENCE).until(() -> tally.events("acme", "chat-m-" + run) == 1);
        // Heartbeats of a batch are recorded once its events are applied, a moment after them.
        await().atMost(PATIENCE).until(() -> t0.plusSeconds(5).equals(loop.heartbeats().get("chat")));
        assertThat(tally.batches).flatMap(Batch::events).extracting(EventEnvelope::partnerId)
                .doesNotContain(SystemEvents.SYSTEM_PARTNER);
        assertThat(db.count("SELECT count(*) FROM tallies WHERE partner_id = '_system'")).isZero();
        assertThat(db.count("SELECT count(*) FROM consumer_applied_streams WHERE partner_id = '_system'")).isZero();
        // The newest heartbeat was stamped 5 s ahead of now: its age is about -5 s.
        assertThat(meters.get(ConsumerMetrics.HEARTBEAT_AGE).tag("consumer", name).tag("source", "chat").gauge().value())
                .isBetween(-6.0, 60.0);

        // Kept in the database: a restarted loop knows it before any new heartbeat arrives.
        loop.close();
        ReadModelConsumer restarted = loop(ConsumerSpec.named(name).topics(topic).group(name).batches(tally).build());
        assertThat(restarted.heartbeats()).containsEntry("chat", t0.plusSeconds(5));
    }

    @Test
    void aNewGroupReplaysHistoryFlaggedAsReplayingUntilTheLogEndItStartedWith() throws Exception {
        String topic = topic(1);
        String name = "replay-" + run;
        Tally tally = new Tally(db, name);
        for (long n = 1; n <= 40; n++) {
            publisher.publish(topic, event("acme", "chat-h-" + run, n));
        }
        ReadModelConsumer loop = loop(ConsumerSpec.named(name).topics(topic).group(name).batches(tally)
                .kafka("max.poll.records", 7).build());
        await().atMost(PATIENCE).until(() -> tally.events("acme", "chat-h-" + run) == 40);

        assertThat(tally.batches.size()).isGreaterThan(2);
        assertThat(tally.batches.get(0).replaying()).isTrue();
        assertThat(tally.batches.get(tally.batches.size() - 1).replaying()).isFalse();
        assertThat(loop.status().replaying()).isFalse();

        publisher.publish(topic, event("acme", "chat-h-" + run, 41));
        await().atMost(PATIENCE).until(() -> tally.events("acme", "chat-h-" + run) == 41);
        assertThat(tally.batches.get(tally.batches.size() - 1).replaying()).isFalse();
    }

    @Test
    void aRebuildEmptiesTheReadModelAndReplaysTheTopicIntoTheSameRows() throws Exception {
        String topic = topic(3);
        String name = "rebuild-" + run;
        Tally tally = new Tally(db, name, "tallies_" + run);
        for (long n = 1; n <= 12; n++) {
            for (int s = 0; s < 5; s++) {
                publisher.publish(topic, event(s % 2 == 0 ? "acme" : "globex", "chat-" + s + "-" + run, n));
            }
        }
        publisher.publish(topic, event("acme", "chat-0-" + run, 3)); // a duplicate in the history
        List<Boolean> afterBatches = new CopyOnWriteArrayList<>();
        ReadModelConsumer loop = loop(ConsumerSpec.named(name).topics(topic).group(name).batches(tally)
                .afterBatch(batch -> afterBatches.add(batch.replaying()))
                .kafka("max.poll.records", 10).rebuildable(tally.table).build());
        await().atMost(PATIENCE).until(() -> tally.rows() == 5 && rows(tally).values().stream().allMatch(r -> r.equals("12/78")));
        Map<String, String> before = rows(tally);
        afterBatches.clear();

        loop.rebuild().get(30, TimeUnit.SECONDS);
        await().atMost(PATIENCE).until(() -> !loop.status().replaying() && rows(tally).equals(before));
        assertThat(afterBatches).contains(true);
        assertThat(afterBatches.get(afterBatches.size() - 1)).isFalse();

        // Live again: a new event lands on the rebuilt rows.
        publisher.publish(topic, event("acme", "chat-0-" + run, 13));
        await().atMost(PATIENCE).until(() -> tally.events("acme", "chat-0-" + run) == 13);
    }

    private static Map<String, String> rows(Tally tally) {
        Map<String, String> rows = new TreeMap<>();
        try (Connection c = tally.db.dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT partner_id, aggregate_id, events, position_sum FROM " + tally.table
                     + " WHERE read_model = '" + tally.readModel + "'")) {
            while (rs.next()) {
                rows.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3) + "/" + rs.getLong(4));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    @Test
    void aRecordHandlerOnTheReactiveClientRetriesOnlyTheEventThatFails() throws Exception {
        String topic = topic(1);
        String name = "records-" + run;
        AppliedPositions positions = new AppliedPositions(name);
        db.execute("CREATE TABLE IF NOT EXISTS effects (stream text, sequence bigint)");
        String stream = "chat-e-" + run;
        AtomicInteger failures = new AtomicInteger(3);
        List<Long> attempts = new CopyOnWriteArrayList<>();
        RecordHandler handler = RecordHandler.reactive(event -> positions.applyOnce(db.pool, event, (tx, e) -> {
            attempts.add(e.sequence());
            if (e.sequence() == 3 && failures.getAndDecrement() > 0) {
                return Uni.createFrom().failure(new IllegalStateException("event 3 fails for a while"));
            }
            return tx.preparedQuery("INSERT INTO effects VALUES ($1, $2)").execute(Tuple.of(stream, e.sequence()));
        }), Duration.ofSeconds(10));
        loop(ConsumerSpec.named(name).topics(topic).group(name).records(handler).build());
        for (long n = 1; n <= 5; n++) {
            publisher.publish(topic, event("acme", stream, n));
        }
        publisher.publish(topic, event("acme", stream, 2));

        await().atMost(PATIENCE).until(() -> db.count("SELECT count(*) FROM effects WHERE stream = '" + stream + "'") == 5);
        assertThat(attempts).containsExactly(1L, 2L, 3L, 3L, 3L, 3L, 4L, 5L);
        assertThat(db.count("SELECT sum(sequence) FROM effects WHERE stream = '" + stream + "'")).isEqualTo(15);
        await().atMost(PATIENCE).until(() -> counter(ConsumerMetrics.DUPLICATES, name) == 1);
        assertThat(counter(ConsumerMetrics.APPLIED, name)).isEqualTo(5);
        assertThat(counter(ConsumerMetrics.RETRIES, name)).isEqualTo(3);
    }
}
