package io.switchboard.eventstore;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventCodec;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.EventTypeId;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Append-only event store on the reactive PostgreSQL client. Every call names the partner: a stream
 * of another partner reads as empty and cannot be appended to.
 */
public class EventStore {

    /*
     * One row per event. The WHERE clause is the optimistic-concurrency check: the row is inserted only
     * if the stream's head is the version just before it and the stream belongs to this partner (or does
     * not exist). Rows of one append are pipelined in one transaction, each one seeing the one before.
     * Two writers that pass the check at once both try the same (stream_id, version); the unique
     * constraint lets one commit and fails the other.
     */
    private static final String APPEND = """
            INSERT INTO event_store (event_id, stream_id, stream_type, version, event_type, event_version,
                                     partner_id, occurred_at, causation_id, correlation_id, payload, metadata)
            SELECT $1::uuid, $2::text, $3::text, $4::bigint, $5::text, $6::int, $7::text, $8::timestamptz,
                   $9::uuid, $10::uuid, $11::text::jsonb, $12::text::jsonb
            WHERE NOT EXISTS (SELECT 1 FROM event_store WHERE stream_id = $2::text AND partner_id <> $7::text)
              AND (SELECT coalesce(max(version), 0) FROM event_store WHERE stream_id = $2::text) = $4::bigint - 1
            RETURNING global_position""";

    private static final String LOAD = """
            SELECT payload::text FROM event_store
            WHERE stream_id = $1 AND partner_id = $2
            ORDER BY version""";

    private static final String HEAD = """
            SELECT version, partner_id FROM event_store
            WHERE stream_id = $1 ORDER BY version DESC LIMIT 1""";

    private static final String UNIQUE_VIOLATION = "23505";

    private final Pool pool;
    private final EventCodec codec;
    private final Clock clock;

    public EventStore(Pool pool, EventCodec codec) {
        this(pool, codec, Clock.systemUTC());
    }

    public EventStore(Pool pool, EventCodec codec, Clock clock) {
        this.pool = pool;
        this.codec = codec;
        this.clock = clock;
    }

    public EventCodec codec() {
        return codec;
    }

    /**
     * Appends events to a stream in one transaction if the stream is at {@code expectedVersion}
     * (0 = the stream must not exist yet). Fails with {@link ConcurrencyConflictException} otherwise,
     * having written nothing.
     */
    public Uni<AppendResult> append(String partnerId, StreamId streamId, long expectedVersion,
                                    List<? extends DomainEvent> events, EventContext context) {
        Objects.requireNonNull(partnerId, "partnerId");
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expected version must be >= 0, was " + expectedVersion);
        }
        if (events.isEmpty()) {
            return Uni.createFrom().item(new AppendResult(streamId, expectedVersion, List.of(), List.of()));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String metadata = metadataJson(context.metadata());
        List<EventEnvelope> envelopes = new ArrayList<>(events.size());
        List<Tuple> rows = new ArrayList<>(events.size());
        long version = expectedVersion;
        for (DomainEvent event : events) {
            version++;
            EventTypeId type = codec.registry().idOf(event);
            EventEnvelope envelope = new EventEnvelope(Uuids.v7(), type.type(), type.version(), streamId.type(),
                    streamId.value(), version, partnerId, now, context.causationId(), context.correlationId(), event);
            envelopes.add(envelope);
            rows.add(Tuple.from(new Object[]{
                    envelope.eventId(), streamId.value(), streamId.type(), version, type.type(), type.version(),
                    partnerId, now.atOffset(ZoneOffset.UTC), context.causationId(), context.correlationId(),
                    codec.encodeToString(envelope), metadata}));
        }
        long newVersion = version;
        return pool.withTransaction(connection -> insert(connection, rows))
                .map(positions -> new AppendResult(streamId, newVersion, envelopes, positions))
                .onFailure(this::isUniqueViolation)
                .recoverWithUni(violation -> conflict(partnerId, streamId, expectedVersion, violation))
                .onFailure(NotAtExpectedVersion.class)
                .recoverWithUni(mismatch -> conflict(partnerId, streamId, expectedVersion, null));
    }

    public Uni<AppendResult> append(String partnerId, StreamId streamId, long expectedVersion,
                                    List<? extends DomainEvent> events) {
        return append(partnerId, streamId, expectedVersion, events, EventContext.none());
    }

    /** The partner's view of a stream: all its events in order, or an empty stream at version 0. */
    public Uni<EventStream> load(String partnerId, StreamId streamId) {
        Objects.requireNonNull(partnerId, "partnerId");
        return pool.preparedQuery(LOAD).execute(Tuple.of(streamId.value(), partnerId))
                .map(rows -> {
                    List<EventEnvelope> events = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        events.add(codec.decode(row.getString(0)));
                    }
                    long version = events.isEmpty() ? 0 : events.get(events.size() - 1).sequence();
                    return new EventStream(streamId, version, events);
                });
    }

    private static Uni<List<Long>> insert(SqlConnection connection, List<Tuple> rows) {
        Uni<RowSet<Row>> inserted = rows.size() == 1
                ? connection.preparedQuery(APPEND).execute(rows.get(0))
                : connection.preparedQuery(APPEND).executeBatch(rows);
        return inserted.map(first -> {
            List<Long> positions = new ArrayList<>(rows.size());
            for (RowSet<Row> result = first; result != null; result = result.next()) {
                if (result.rowCount() != 1) {
                    // Thrown inside the transaction, so it rolls back whatever the batch inserted before.
                    throw new NotAtExpectedVersion();
                }
                positions.add(result.iterator().next().getLong(0));
            }
            return positions;
        });
    }

    private Uni<AppendResult> conflict(String partnerId, StreamId streamId, long expectedVersion, Throwable cause) {
        return pool.preparedQuery(HEAD).execute(Tuple.of(streamId.value())).map(rows -> {
            Long actual = null;
            if (rows.size() == 0) {
                actual = 0L;
            } else {
                Row head = rows.iterator().next();
                if (partnerId.equals(head.getString("partner_id"))) {
                    actual = head.getLong("version");
                }
            }
            throw new ConcurrencyConflictException(streamId, expectedVersion, actual, cause);
        });
    }

    private boolean isUniqueViolation(Throwable failure) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
    }

    private String metadataJson(Map<String, String> metadata) {
        if (metadata.isEmpty()) {
            return "{}";
        }
        try {
            return codec.mapper().writeValueAsString(metadata);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("metadata is not serialisable", e);
        }
    }

    /** Internal signal: the optimistic check failed; turned into a {@link ConcurrencyConflictException}. */
    private static final class NotAtExpectedVersion extends RuntimeException {
        NotAtExpectedVersion() {
            super(null, null, false, false);
        }
    }
}
