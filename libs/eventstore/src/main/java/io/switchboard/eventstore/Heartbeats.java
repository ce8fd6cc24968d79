package io.switchboard.eventstore;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.system.SystemEvents;
import io.switchboard.events.system.SystemEvents.Heartbeat;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * One service's heartbeat stream ({@code heartbeat-<source>}, partner {@link SystemEvents#SYSTEM_PARTNER}):
 * a {@link Heartbeat} appended through the normal {@link EventStore#append}, so it takes the same
 * outbox → Debezium → Kafka path as the service's domain events and a stalled connector or broker
 * shows up downstream as an ageing heartbeat.
 *
 * <p>Several instances of one service share the stream. Each appends at the version it last saw; the
 * loser of a race skips that beat (the winner's beat says the same thing) and learns the new version
 * from the conflict. Old beats are deleted ({@link #purge}); the append-only trigger allows DELETE of
 * heartbeat rows only, and the newest row of the stream is always kept so that versions never restart.
 */
public final class Heartbeats {
    private static final String PURGE = """
            DELETE FROM event_store
            WHERE stream_id = $1 AND stream_type = 'heartbeat' AND occurred_at < $2
              AND version < (SELECT max(version) FROM event_store WHERE stream_id = $1)""";

    private final EventStore store;
    private final Pool pool;
    private final String source;
    private final StreamId stream;
    private final Clock clock;
    /** The stream's version as this instance last saw it; null until the first append or conflict. */
    private volatile Long knownVersion;

    public Heartbeats(EventStore store, Pool pool, String source, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.source = Objects.requireNonNull(source, "source");
        this.stream = new StreamId(SystemEvents.HEARTBEAT, source);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public StreamId stream() {
        return stream;
    }

    /**
     * Appends one heartbeat. Emits true if it was written, false if another instance won the race for
     * this version (the next beat uses the version that won). Fails only if the database does.
     */
    public Uni<Boolean> beat() {
        boolean firstAttempt = knownVersion == null;
        return append().onFailure(ConcurrencyConflictException.class).recoverWithUni(failure -> {
            knownVersion = ((ConcurrencyConflictException) failure).actualVersion();
            // At start-up the version is unknown: try once more at the one the conflict told.
            return firstAttempt && knownVersion != null
                    ? append().onFailure(ConcurrencyConflictException.class).recoverWithUni(again -> {
                        knownVersion = ((ConcurrencyConflictException) again).actualVersion();
                        return Uni.createFrom().item(false);
                    })
                    : Uni.createFrom().item(false);
        });
    }

    private Uni<Boolean> append() {
        long expected = knownVersion == null ? 0 : knownVersion;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return store.append(SystemEvents.SYSTEM_PARTNER, stream, expected, List.of(new Heartbeat(source, now)))
                .map(result -> {
                    knownVersion = result.version();
                    return true;
                });
    }

    /** Deletes this source's heartbeats older than {@code retention}, except the newest; emits how many. */
    public Uni<Integer> purge(Duration retention) {
        Instant before = clock.instant().minus(retention);
        return pool.preparedQuery(PURGE).execute(Tuple.of(stream.value(), before.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount());
    }
}
