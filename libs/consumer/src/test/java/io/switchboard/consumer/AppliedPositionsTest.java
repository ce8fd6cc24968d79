package io.switchboard.consumer;

import io.smallrye.mutiny.Uni;
import io.switchboard.consumer.positions.AppliedPositions;
import io.switchboard.consumer.positions.ArrayLiteral;
import io.switchboard.consumer.positions.Multirange;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.chat.ChatEvents.ChatMarked;
import io.switchboard.testing.events.TestEnvelopes;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one deduplication scheme, in both flavours, on the real PostgreSQL. */
class AppliedPositionsTest {
    private static ConsumerTestDatabase db;

    @BeforeAll
    static void start() {
        db = new ConsumerTestDatabase("consumer_positions_test");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    /** An event of {@code partner}'s chat stream {@code stream} ({@code chat-<id>}, the event store's form). */
    static EventEnvelope event(String partner, String stream, long sequence) {
        if (!stream.startsWith("chat-")) {
            throw new IllegalArgumentException("a chat stream is chat-<id>: " + stream);
        }
        Instant at = Instant.parse("2026-11-21T09:30:00.120Z");
        return TestEnvelopes.of(new ChatMarked(1, 2, "m" + sequence, null, at)).partner(partner)
                .aggregate("chat", stream.substring("chat-".length())).sequence(sequence).at(at).build();
    }

    private static List<EventEnvelope> record(AppliedPositions positions, List<EventEnvelope> batch) throws SQLException {
        try (Connection c = db.dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<EventEnvelope> fresh = positions.record(c, batch);
            c.commit();
            return fresh;
        }
    }

    @Test
    void aRedeliveryInTheSameOrALaterBatchIsDroppedInAnyArrivalOrder() throws SQLException {
        AppliedPositions positions = new AppliedPositions("rm-" + UUID.randomUUID());
        String stream = "chat-" + UUID.randomUUID();
        List<EventEnvelope> all = new ArrayList<>();
        for (long n = 1; n <= 30; n++) {
            all.add(event("acme", stream, n));
        }
        List<EventEnvelope> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(7));

        // First 10 in a random order, 3 of them twice in the same batch.
        List<EventEnvelope> first = new ArrayList<>(shuffled.subList(0, 10));
        first.addAll(shuffled.subList(0, 3));
        assertThat(record(positions, first)).containsExactlyElementsOf(shuffled.subList(0, 10));

        // The rest, with the first 10 redelivered among them: only the 20 new ones are fresh, a gap stays a gap.
        List<EventEnvelope> second = new ArrayList<>(shuffled.subList(10, 20));
        second.addAll(shuffled.subList(0, 10));
        assertThat(record(positions, second)).containsExactlyElementsOf(shuffled.subList(10, 20));
        assertThat(record(positions, shuffled.subList(20, 30))).containsExactlyElementsOf(shuffled.subList(20, 30));
        assertThat(record(positions, all)).isEmpty();
        assertThat(db.count("SELECT count(*) FROM consumer_applied_streams WHERE read_model = '" + positions.readModel()
                + "' AND sequences = '{[1,31)}'")).isEqualTo(1);
    }

    @Test
    void readModelsPartnersAndStreamsAreKeptApart() throws SQLException {
        String stream = "chat-" + UUID.randomUUID();
        AppliedPositions routing = new AppliedPositions("routing-" + UUID.randomUUID());
        AppliedPositions status = new AppliedPositions("status-" + UUID.randomUUID());
        EventEnvelope acme = event("acme", stream, 1);

        assertThat(record(routing, List.of(acme))).containsExactly(acme);
        assertThat(record(status, List.of(acme))).containsExactly(acme);
        EventEnvelope globex = event("globex", stream, 1);
        EventEnvelope otherStream = event("acme", stream + "-2", 1);
        assertThat(record(routing, List.of(globex, otherStream, acme))).containsExactly(globex, otherStream);
    }

    @Test
    void aRolledBackTransactionRecordsNothing() throws SQLException {
        AppliedPositions positions = new AppliedPositions("rm-" + UUID.randomUUID());
        EventEnvelope e = event("acme", "chat-" + UUID.randomUUID(), 1);
        try (Connection c = db.dataSource.getConnection()) {
            c.setAutoCommit(false);
            assertThat(positions.record(c, List.of(e))).containsExactly(e);
            c.rollback();
        }
        assertThat(record(positions, List.of(e))).containsExactly(e);
    }

    @Test
    void theReactiveFlavourAppliesAnEffectOnceAndNotAtAllWhenItFails() {
        AppliedPositions positions = new AppliedPositions("rm-" + UUID.randomUUID());
        String stream = "chat-" + UUID.randomUUID();
        EventEnvelope e = event("acme", stream, 4);
        db.execute("CREATE TABLE IF NOT EXISTS effects (stream text, sequence bigint)");

        assertThatThrownBy(() -> positions.applyOnce(db.pool, e, (tx, event) -> tx
                        .preparedQuery("INSERT INTO effects VALUES ($1, $2)").execute(Tuple.of(stream, event.sequence()))
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("the effect fails"))))
                .await().indefinitely()).hasMessageContaining("the effect fails");
        Boolean first = positions.applyOnce(db.pool, e, (tx, event) -> tx
                .preparedQuery("INSERT INTO effects VALUES ($1, $2)").execute(Tuple.of(stream, event.sequence())))
                .await().indefinitely();
        Boolean again = positions.applyOnce(db.pool, e, (tx, event) -> tx
                .preparedQuery("INSERT INTO effects VALUES ($1, $2)").execute(Tuple.of(stream, event.sequence())))
                .await().indefinitely();

        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(db.count("SELECT count(*) FROM effects WHERE stream = '" + stream + "'")).isEqualTo(1);
        // The JDBC flavour reads the same table: the position is there for both.
        List<EventEnvelope> batch = positions.record(db.pool, List.of(e, event("acme", stream, 5)))
                .await().indefinitely();
        assertThat(batch).extracting(EventEnvelope::sequence).containsExactly(5L);
    }

    @Test
    void arrayLiteralsQuoteTextAndWriteNullsNumbersAndInstantsBare() {
        assertThat(ArrayLiteral.of(Arrays.asList(1L, null, 3, true))).isEqualTo("{1,NULL,3,true}");
        assertThat(ArrayLiteral.of(List.of("a", "say \"hi\"", "back\\slash", "NULL", "{x,y}", "")))
                .isEqualTo("{\"a\",\"say \\\"hi\\\"\",\"back\\\\slash\",\"NULL\",\"{x,y}\",\"\"}");
        assertThat(ArrayLiteral.of(List.of(Instant.parse("2026-11-21T09:30:00.120Z"))))
                .isEqualTo("{2026-11-21T09:30:00.120Z}");
        assertThat(ArrayLiteral.of(List.of())).isEqualTo("{}");
    }

    @Test
    void positionsBecomeTheFewestHalfOpenRangesAndAreReadBackAsPostgresPrintsThem() {
        assertThat(Multirange.of(new TreeSet<>(List.of(1L, 2L, 3L, 7L, 9L, 10L)))).isEqualTo("{[1,4),[7,8),[9,11)}");
        assertThat(Multirange.of(new TreeSet<>(List.of(42L)))).isEqualTo("{[42,43)}");
        Multirange stored = Multirange.parse("{[1,4),[7,8)}");
        assertThat(List.of(0L, 1L, 3L, 4L, 6L, 7L, 8L).stream().filter(stored::contains).toList())
                .containsExactly(1L, 3L, 7L);
        assertThat(Multirange.parse("{}").contains(1)).isFalse();
    }
}
