package io.switchboard.eventstore;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.EventEnvelope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventStoreTest {
    private static EventStoreDatabase db;
    private static EventStore store;

    @BeforeAll
    static void start() {
        db = new EventStoreDatabase("eventstore_test", 60);
        store = db.store();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static StreamId newTab() {
        return new StreamId("tab", UUID.randomUUID().toString());
    }

    @Test
    void appendedEventsLoadBackInOrderAsEnvelopes() {
        StreamId tab = newTab();
        UUID causation = UUID.randomUUID();
        UUID correlation = UUID.randomUUID();

        AppendResult first = store.append("acme", tab, 0, List.of(new Tab.Opened("ann", "first")),
                new EventContext(causation, correlation, Map.of("traceparent", "00-abc-def-01"))).await().indefinitely();
        AppendResult second = store.append("acme", tab, 1, List.of(new Tab.Added(5), new Tab.Added(7)))
                .await().indefinitely();
        EventStream loaded = store.load("acme", tab).await().indefinitely();

        assertThat(second.version()).isEqualTo(3);
        assertThat(loaded.version()).isEqualTo(3);
        assertThat(loaded.events()).extracting(EventEnvelope::data)
                .containsExactly(new Tab.Opened("ann", "first"), new Tab.Added(5), new Tab.Added(7));
        assertThat(loaded.events()).extracting(EventEnvelope::sequence).containsExactly(1L, 2L, 3L);
        EventEnvelope opened = loaded.events().get(0);
        assertThat(opened).isEqualTo(first.envelopes().get(0));
        assertThat(opened.aggregateType()).isEqualTo("tab");
        assertThat(opened.aggregateId()).isEqualTo(tab.value());
        assertThat(opened.partnerId()).isEqualTo("acme");
        assertThat(opened.type()).isEqualTo("TabOpened");
        assertThat(opened.causationId()).isEqualTo(causation);
        assertThat(opened.correlationId()).isEqualTo(correlation);
        assertThat(second.globalPositions()).hasSize(2);
        assertThat(second.globalPositions().get(0)).isGreaterThan(first.globalPositions().get(0));
        assertThat(second.globalPositions().get(1)).isGreaterThan(second.globalPositions().get(0));
    }

    @Test
    void fiftyConcurrentAppendsAtTheSameExpectedVersionHaveExactlyOneWinner() {
        StreamId tab = newTab();
        store.append("acme", tab, 0, List.of(new Tab.Opened("ann", null))).await().indefinitely();

        List<Uni<Object>> racers = IntStream.range(0, 50)
                .mapToObj(i -> store.append("acme", tab, 1, List.of(new Tab.Added(i + 1), new Tab.Added(100)))
                        .<Object>map(result -> result)
                        .onFailure(ConcurrencyConflictException.class).recoverWithItem(conflict -> conflict))
                .toList();
        List<Object> outcomes = Uni.join().all(racers).andFailFast().await().indefinitely();

        assertThat(outcomes).filteredOn(AppendResult.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(ConcurrencyConflictException.class::isInstance).hasSize(49)
                .allSatisfy(conflict -> assertThat(((ConcurrencyConflictException) conflict).actualVersion()).isEqualTo(3L));
        EventStream loaded = store.load("acme", tab).await().indefinitely();
        assertThat(loaded.events()).extracting(EventEnvelope::sequence).containsExactly(1L, 2L, 3L);
        assertThat(db.rowCount(tab)).isEqualTo(3);
    }

    @Test
    void anExpectedVersionAheadOfTheStreamIsAConflictAndLeavesNoGap() {
        StreamId tab = newTab();
        store.append("acme", tab, 0, List.of(new Tab.Opened("ann", null))).await().indefinitely();

        assertThatThrownBy(() -> store.append("acme", tab, 5, List.of(new Tab.Added(1))).await().indefinitely())
                .isInstanceOfSatisfying(ConcurrencyConflictException.class, conflict -> {
                    assertThat(conflict.expectedVersion()).isEqualTo(5);
                    assertThat(conflict.actualVersion()).isEqualTo(1);
                });
        assertThatThrownBy(() -> store.append("acme", tab, 0, List.of(new Tab.Opened("bob", null))).await().indefinitely())
                .isInstanceOf(ConcurrencyConflictException.class);
        assertThat(db.rowCount(tab)).isEqualTo(1);
    }

    @Test
    void onePartnerCanNeitherLoadNorAppendToAnotherPartnersStream() {
        StreamId tab = newTab();
        store.append("acme", tab, 0, List.of(new Tab.Opened("ann", "secret"))).await().indefinitely();

        EventStream seenByOther = store.load("globex", tab).await().indefinitely();
        assertThat(seenByOther.isEmpty()).isTrue();
        assertThat(seenByOther.version()).isZero();

        for (long expected : new long[]{0, 1}) {
            assertThatThrownBy(() -> store.append("globex", tab, expected, List.of(new Tab.Added(1))).await().indefinitely())
                    .isInstanceOfSatisfying(ConcurrencyConflictException.class,
                            conflict -> assertThat(conflict.actualVersion()).as("another partner's version is not revealed").isNull());
        }
        assertThat(db.rowCount(tab)).isEqualTo(1);
        assertThat(store.load("acme", tab).await().indefinitely().events()).hasSize(1);
    }

    @Test
    void aPayloadJustUnderTheEventLimitRoundTrips() {
        StreamId tab = newTab();
        // Multi-byte characters and escapes: the limit counts the envelope's UTF-8 bytes.
        String piece = "ünïcødé payload with \"quotes\" and \\ backslashes \u2603 ";
        long pieceBytes = EventStore.utf8Length(piece) + 4; // the quotes and the backslash are escaped
        StringBuilder note = new StringBuilder();
        for (long bytes = 0; bytes + pieceBytes < EventStore.DEFAULT_MAX_EVENT_BYTES - 1_000; bytes += pieceBytes) {
            note.append(piece);
        }
        Tab.Opened big = new Tab.Opened("ann", note.toString());

        store.append("acme", tab, 0, List.of(big)).await().indefinitely();

        assertThat(store.load("acme", tab).await().indefinitely().events().get(0).data()).isEqualTo(big);
    }

    @Test
    void aTenEventBatchGetsConsecutiveVersionsAndIncreasingPositions() {
        StreamId tab = newTab();
        List<Tab.Event> batch = new ArrayList<>();
        batch.add(new Tab.Opened("ann", null));
        IntStream.rangeClosed(1, 9).forEach(i -> batch.add(new Tab.Added(i)));

        AppendResult result = store.append("acme", tab, 0, batch).await().indefinitely();

        assertThat(result.envelopes()).extracting(EventEnvelope::sequence)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        List<Long> sorted = new ArrayList<>(result.globalPositions());
        Collections.sort(sorted);
        assertThat(result.globalPositions()).containsExactlyElementsOf(sorted).doesNotHaveDuplicates();
        assertThat(db.rowCount(tab)).isEqualTo(10);
    }

    @Test
    void theTableIsAppendOnly() {
        StreamId tab = newTab();
        store.append("acme", tab, 0, List.of(new Tab.Opened("ann", null))).await().indefinitely();

        assertThatThrownBy(() -> db.pool.query("UPDATE event_store SET partner_id = 'globex' WHERE stream_id = '" + tab.value() + "'")
                .execute().await().indefinitely()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.pool.query("DELETE FROM event_store WHERE stream_id = '" + tab.value() + "'")
                .execute().await().indefinitely()).hasMessageContaining("append-only");
        assertThat(db.rowCount(tab)).isEqualTo(1);
    }

    @Test
    void theRowCarriesTheColumnsTheOutboxRouterReads() {
        StreamId tab = newTab();
        AppendResult result = store.append("acme", tab, 0, List.of(new Tab.Opened("ann", null))).await().indefinitely();

        var row = db.pool.preparedQuery("""
                        SELECT event_id, stream_type, stream_id, event_type, partner_id, payload->>'eventId' AS envelope_id,
                               payload->'data'->>'owner' AS owner
                        FROM event_store WHERE stream_id = $1""")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(tab.value())).await().indefinitely().iterator().next();

        EventEnvelope envelope = result.envelopes().get(0);
        assertThat(row.getUUID("event_id")).isEqualTo(envelope.eventId());
        assertThat(row.getString("envelope_id")).isEqualTo(envelope.eventId().toString());
        assertThat(row.getString("stream_type")).isEqualTo("tab");
        assertThat(row.getString("stream_id")).isEqualTo(tab.value());
        assertThat(row.getString("event_type")).isEqualTo("TabOpened");
        assertThat(row.getString("partner_id")).isEqualTo("acme");
        assertThat(row.getString("owner")).as("payload is JSON, not a string inside a string").isEqualTo("ann");
    }

    @Test
    void anAppendWithinACallersTransactionCommitsAndRollsBackWithIt() {
        StreamId kept = newTab();
        StreamId dropped = newTab();
        db.pool.withTransaction(tx -> store.within(tx).append("acme", kept, 0, List.of(new Tab.Opened("ann", null)))
                .chain(() -> tx.query("CREATE TEMP TABLE IF NOT EXISTS within_marker (x int)").execute()))
                .await().indefinitely();
        assertThatThrownBy(() -> db.pool.withTransaction(tx -> store.within(tx)
                        .append("acme", dropped, 0, List.of(new Tab.Opened("bob", null)))
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("the caller's other write failed"))))
                .await().indefinitely()).hasMessageContaining("other write failed");

        assertThat(db.rowCount(kept)).isEqualTo(1);
        assertThat(db.rowCount(dropped)).isZero();
    }

    @Test
    void aLostRaceInsideATransactionIsAConflictAndTheTransactionGoesOn() {
        StreamId tab = newTab();
        store.append("acme", tab, 0, List.of(new Tab.Opened("ann", null))).await().indefinitely();
        StreamId other = newTab();

        // The first append of the transaction loses (the stream is at 1); the transaction is still usable
        // and a second append, at the right version, commits with the caller's other write.
        AppendResult result = db.pool.withTransaction(tx -> {
            EventStore within = store.within(tx);
            return within.append("acme", tab, 0, List.of(new Tab.Opened("bob", null)))
                    .onFailure(ConcurrencyConflictException.class)
                    .recoverWithUni(conflict -> within.append("acme", tab, 1, List.of(new Tab.Added(3))))
                    .call(() -> within.append("acme", other, 0, List.of(new Tab.Opened("cy", null))));
        }).await().indefinitely();

        assertThat(result.version()).isEqualTo(2);
        assertThat(db.rowCount(tab)).isEqualTo(2);
        assertThat(db.rowCount(other)).isEqualTo(1);
    }

    @Test
    void aUniqueViolationInsideATransactionIsAConflictWithTheTransactionStillUsable() {
        StreamId tab = newTab();
        // Two transactions append version 1 of a new stream; the second blocks on the first's row and,
        // once that commits, violates the unique key: a conflict, and its transaction carries on.
        var first = db.pool.getConnection().await().indefinitely();
        var firstTx = first.begin().await().indefinitely();
        store.within(first).append("acme", tab, 0, List.of(new Tab.Opened("ann", null))).await().indefinitely();
        Uni<String> second = db.pool.withTransaction(tx -> store.within(tx)
                .append("acme", tab, 0, List.of(new Tab.Opened("bob", null)))
                .map(appended -> "appended")
                .onFailure(ConcurrencyConflictException.class).recoverWithItem("conflict")
                .call(() -> tx.query("SELECT 1").execute()));
        var outcome = second.subscribeAsCompletionStage();
        firstTx.commit().await().indefinitely();
        first.close().await().indefinitely();

        assertThat(outcome.join()).isEqualTo("conflict");
        assertThat(store.load("acme", tab).await().indefinitely().events())
                .extracting(EventEnvelope::data).containsExactly(new Tab.Opened("ann", null));
    }
}
