package io.switchboard.consumer;

import io.switchboard.consumer.positions.AppliedPositions;
import io.switchboard.consumer.positions.AppliedWaits;
import io.switchboard.events.EventEnvelope;
import io.switchboard.eventstore.position.PositionToken;
import io.switchboard.eventstore.position.PositionToken.StreamPosition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Read-your-writes' shared poller on the real PostgreSQL: waits end when applied, run out, share statements. */
class AppliedWaitsTest {
    private static ConsumerTestDatabase db;

    @BeforeAll
    static void start() {
        db = new ConsumerTestDatabase("consumer_waits_test");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static void apply(AppliedPositions positions, List<EventEnvelope> batch) throws SQLException {
        try (Connection c = db.dataSource.getConnection()) {
            c.setAutoCommit(false);
            positions.record(c, batch);
            c.commit();
        }
    }

    private static PositionToken token(String partner, String stream, long version) {
        return new PositionToken(partner, List.of(new StreamPosition("chat", stream, version)));
    }

    @Test
    void aWaitEndsWhenThePositionIsAppliedAndNotBefore() throws Exception {
        String readModel = "rm-" + UUID.randomUUID();
        String stream = "chat-" + UUID.randomUUID();
        AppliedPositions positions = new AppliedPositions(readModel);
        try (AppliedWaits waits = new AppliedWaits(db.dataSource, readModel, Duration.ofMillis(10), 100)) {
            apply(positions, List.of(AppliedPositionsTest.event("acme", stream, 1)));
            CompletableFuture<Boolean> second = waits.await(token("acme", stream, 2), Duration.ofSeconds(30));
            // Already applied: answered by the next statement.
            assertThat(waits.await(token("acme", stream, 1), Duration.ofSeconds(30)).get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(second).isNotDone();

            apply(positions, List.of(AppliedPositionsTest.event("acme", stream, 2)));
            assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aWaitRunsOutAndOnlyTheTokensPartnerAndReadModelCount() throws Exception {
        String readModel = "rm-" + UUID.randomUUID();
        String stream = "chat-" + UUID.randomUUID();
        apply(new AppliedPositions(readModel), List.of(AppliedPositionsTest.event("globex", stream, 1)));
        apply(new AppliedPositions("another-" + readModel), List.of(AppliedPositionsTest.event("acme", stream, 1)));
        try (AppliedWaits waits = new AppliedWaits(db.dataSource, readModel, Duration.ofMillis(10), 100)) {
            long started = System.nanoTime();
            CompletableFuture<Boolean> acme = waits.await(token("acme", stream, 1), Duration.ofMillis(300));
            assertThat(acme.get(10, TimeUnit.SECONDS)).isFalse();
            assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
            assertThat(waits.await(token("globex", stream, 1), Duration.ofSeconds(30)).get(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aTokenOfSeveralStreamsWaitsForAllOfThem() throws Exception {
        String readModel = "rm-" + UUID.randomUUID();
        String a = "chat-" + UUID.randomUUID(), b = "chat-" + UUID.randomUUID();
        AppliedPositions positions = new AppliedPositions(readModel);
        try (AppliedWaits waits = new AppliedWaits(db.dataSource, readModel, Duration.ofMillis(10), 100)) {
            CompletableFuture<Boolean> both = waits.await(new PositionToken("acme", List.of(new StreamPosition("chat", a, 1),
                    new StreamPosition("chat", b, 3))), Duration.ofSeconds(30));
            apply(positions, List.of(AppliedPositionsTest.event("acme", a, 1), AppliedPositionsTest.event("acme", b, 1)));
            CompletableFuture<Boolean> firstOnly = waits.await(token("acme", a, 1), Duration.ofSeconds(30));
            assertThat(firstOnly.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(both).isNotDone();
            apply(positions, List.of(AppliedPositionsTest.event("acme", b, 2), AppliedPositionsTest.event("acme", b, 3)));
            assertThat(both.get(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void manyWaitsShareOneStatementPerRoundAndTooManyAreRefused() throws Exception {
        String readModel = "rm-" + UUID.randomUUID();
        AppliedPositions positions = new AppliedPositions(readModel);
        int n = 500;
        try (AppliedWaits waits = new AppliedWaits(db.dataSource, readModel, Duration.ofMillis(10), n)) {
            List<CompletableFuture<Boolean>> pending = new ArrayList<>();
            List<EventEnvelope> events = new ArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String stream = "chat-" + UUID.randomUUID();
                pending.add(waits.await(token("acme", stream, 1), Duration.ofSeconds(30)));
                events.add(AppliedPositionsTest.event("acme", stream, 1));
            }
            assertThat(waits.await(token("acme", "chat-x", 1), Duration.ofSeconds(30)).get(1, TimeUnit.SECONDS))
                    .as("one wait over the limit").isFalse();
            apply(positions, events);
            for (CompletableFuture<Boolean> wait : pending) {
                assertThat(wait.get(10, TimeUnit.SECONDS)).isTrue();
            }
            long rounds = (System.nanoTime() - started) / Duration.ofMillis(10).toNanos() + 2;
            assertThat(waits.statements()).isLessThanOrEqualTo(rounds).isLessThan(n);
        }
    }
}
