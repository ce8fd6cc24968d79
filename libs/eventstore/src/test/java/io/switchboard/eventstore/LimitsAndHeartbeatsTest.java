package io.switchboard.eventstore;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.system.SystemEvents;
import io.switchboard.events.system.SystemEvents.Heartbeat;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LimitsAndHeartbeatsTest {
    private static EventStoreDatabase db;

    @BeforeAll
    static void start() {
        db = new EventStoreDatabase("eventstore_limits_test", 8);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void anEnvelopeAboveTheLimitIsRefusedAndNothingOfTheAppendIsWritten() {
        EventStore store = new EventStore(db.pool, EventStoreDatabase.CODEC, Clock.systemUTC(), 4_096);
        StreamId tab = new StreamId("tab", UUID.randomUUID().toString());
        // Multi-byte characters count as their UTF-8 bytes: 1,500 × 'é' is 3,000 bytes, with the envelope above 4,096.
        String fits = "é".repeat(1_000);
        String tooBig = "é".repeat(2_000);

        assertThatThrownBy(() -> store.append("acme", tab, 0, List.of(new Tab.Opened("ann", fits),
                new Tab.Opened("ann", tooBig))).await().indefinitely())
                .isInstanceOfSatisfying(EventTooLargeException.class, e -> {
                    assertThat(e.limit()).isEqualTo(4_096);
                    assertThat(e.bytes()).isGreaterThan(4_096);
                    assertThat(e.eventType()).isEqualTo("TabOpened");
                });
        assertThat(db.rowCount(tab)).isZero();
        assertThat(store.append("acme", tab, 0, List.of(new Tab.Opened("ann", fits))).await().indefinitely().version())
                .isEqualTo(1);
    }

    @Test
    void utf8LengthCountsBytesAsTheDatabaseStoresThem() {
        for (String s : new String[]{"", "abc", "é", "€", "😀", "a😀é€"}) {
            assertThat(EventStore.utf8Length(s)).as(s).isEqualTo(s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void instancesOfOneServiceShareTheStreamAndALostRaceOnlySkipsABeat() {
        String source = "svc" + UUID.randomUUID().toString().substring(0, 8);
        EventStore store = db.store();
        Heartbeats first = new Heartbeats(store, db.pool, source, Clock.systemUTC());
        Heartbeats second = new Heartbeats(store, db.pool, source, Clock.systemUTC());

        assertThat(first.beat().await().indefinitely()).isTrue();
        // The second instance starts late: its first beat learns the version from the conflict and still lands.
        assertThat(second.beat().await().indefinitely()).isTrue();
        List<Boolean> race = Uni.join().all(IntStream.range(0, 4)
                .mapToObj(i -> (i % 2 == 0 ? first : second).beat()).toList()).andFailFast().await().indefinitely();
        assertThat(race).contains(true);
        assertThat(first.beat().await().indefinitely() || first.beat().await().indefinitely()).isTrue();

        EventStream stream = store.load(SystemEvents.SYSTEM_PARTNER, first.stream()).await().indefinitely();
        assertThat(stream.events()).extracting(EventEnvelope::sequence)
                .isEqualTo(IntStream.rangeClosed(1, stream.events().size()).mapToObj(Long::valueOf).toList());
        assertThat(stream.events()).allSatisfy(e -> {
            assertThat(e.aggregateId()).isEqualTo("heartbeat-" + source);
            assertThat(e.partnerId()).isEqualTo("_system");
            assertThat(((Heartbeat) e.data()).source()).isEqualTo(source);
        });
    }

    @Test
    void purgeDeletesOldBeatsButKeepsTheNewestAndNoOtherRowCanBeDeleted() {
        String source = "svc" + UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Clock[] clock = {Clock.fixed(start, ZoneOffset.UTC)};
        Clock moving = new Clock() {
            @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return clock[0].instant(); }
        };
        EventStore store = new EventStore(db.pool, EventStoreDatabase.CODEC, moving);
        Heartbeats beats = new Heartbeats(store, db.pool, source, moving);
        for (int i = 0; i < 3; i++) {
            clock[0] = Clock.fixed(start.plus(Duration.ofHours(i)), ZoneOffset.UTC);
            beats.beat().await().indefinitely();
        }
        // Two days later every beat is old, yet the newest stays: versions go on from 3.
        clock[0] = Clock.fixed(start.plus(Duration.ofDays(2)), ZoneOffset.UTC);
        assertThat(beats.purge(Duration.ofDays(1)).await().indefinitely()).isEqualTo(2);
        assertThat(db.rowCount(beats.stream())).isEqualTo(1);
        beats.beat().await().indefinitely();
        assertThat(store.load(SystemEvents.SYSTEM_PARTNER, beats.stream()).await().indefinitely().version()).isEqualTo(4);

        StreamId tab = new StreamId("tab", UUID.randomUUID().toString());
        db.store().append("acme", tab, 0, List.of(new Tab.Opened("ann", null))).await().indefinitely();
        assertThatThrownBy(() -> db.pool.preparedQuery("DELETE FROM event_store WHERE stream_id = $1")
                .execute(Tuple.of(tab.value())).await().indefinitely())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.pool.preparedQuery("UPDATE event_store SET partner_id = 'x' WHERE stream_id = $1")
                .execute(Tuple.of(beats.stream().value())).await().indefinitely())
                .hasMessageContaining("append-only");
    }
}
