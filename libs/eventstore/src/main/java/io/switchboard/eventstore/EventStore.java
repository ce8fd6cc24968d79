package io.switchboard.eventstore;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventCodec;
import io.switchboard.events.EventEnvelope;
import io.switchboard.eventstore.position.WrittenPositions;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Append-only event store on the reactive PostgreSQL client. Every call names the partner: a stream
 * of another partner reads as empty and cannot be appended to.
 *
 * <p>{@link #within(SqlConnection)} gives the same store on a caller's transaction, so an append can
 * commit together with other writes (a consumer's record of the event it is applying).
 */
public class EventStore {

    /*
     * One statement, so one atomic autocommit round trip whatever the batch size. The events arrive as
     * parallel arrays; the stream's head row (one index descent) is the optimistic-concurrency check:
     * rows are inserted only if the stream is at the expected version and belongs to this partner (or
     * does not exist). The statement sees the head as it was before it ran, so the check holds for all
     * rows or none. Two writers that pass it at once insert the same (stream_id, version); the unique
     * constraint lets the first commit and fails the other.
     */
    private static final String APPEND = """
            INSERT INTO event_store (event_id, stream_id, stream_type, version, event_type, event_version,
                                     partner_id, occurred_at, causation_id, correlation_id, payload, metadata)
            SELECT e.event_id, $2::text, $3::text, e.version, e.event_type, e.event_version, $7::text,
                   $8::timestamptz, $9::uuid, $10::uuid, e.payload::jsonb, $12::text::jsonb
            FROM unnest($1::uuid[], $4::bigint[], $5::text[], $6::int[], $11::text[])
                     AS e(event_id, version, event_type, event_version, payload)
            LEFT JOIN LATERAL (SELECT h.version, h.partner_id FROM event_store h
                               WHERE h.stream_id = $2::text ORDER BY h.version DESC LIMIT 1) head ON true
            WHERE coalesce(head.version, 0) = $13::bigint AND coalesce(head.partner_id, $7::text) = $7::text
            ORDER BY e.version
            RETURNING global_position, version""";

    private static final String LOAD = """
            SELECT payload::text FROM event_store
            WHERE stream_id = $1 AND partner_id = $2
            ORDER BY version""";

    private static final String HEAD = """
            SELECT version, partner_id FROM event_store
            WHERE stream_id = $1 ORDER BY version DESC LIMIT 1""";

    private static final String UNIQUE_VIOLATION = "23505";
    /** Inside a caller's transaction, a failed append must not abort the whole transaction. */
    private static final String SAVEPOINT = "SAVEPOINT event_store_append";
    private static final String ROLLBACK_TO_SAVEPOINT = "ROLLBACK TO SAVEPOINT event_store_append";

    /**
     * The default largest envelope (UTF-8 JSON) an event may have: half of the 1 MiB record limit the
     * broker ({@code message.max.bytes}) and Connect's producer ({@code max.request.size}) are set to in
     * every deployment, which leaves room for the key, headers and Debezium's record overhead, and for
     * PostgreSQL's jsonb text (a space after each ':' and ',') being longer than our compact JSON.
     */
    public static final int DEFAULT_MAX_EVENT_BYTES = 512 * 1024;

    /** The pool (each call its own autocommit statement), or a caller's connection inside a transaction. */
    private final SqlClient client;
    private final boolean inTransaction;
    private final EventCodec codec;
    private final Clock clock;
    private final int maxEventBytes;

    public EventStore(Pool pool, EventCodec codec) {
        this(pool, codec, Clock.systemUTC());
    }

    public EventStore(Pool pool, EventCodec codec, Clock clock) {
        this(pool, codec, clock, DEFAULT_MAX_EVENT_BYTES);
    }

    public EventStore(Pool pool, EventCodec codec, Clock clock, int maxEventBytes) {
        this(pool, false, codec, clock, maxEventBytes);
    }

    private EventStore(SqlClient client, boolean inTransaction, EventCodec codec, Clock clock, int maxEventBytes) {
        if (maxEventBytes < 1) {
            throw new IllegalArgumentException("maxEventBytes must be > 0, was " + maxEventBytes);
        }
        this.client = client;
        this.inTransaction = inTransaction;
        this.codec = codec;
        this.clock = clock;
        this.maxEventBytes = maxEventBytes;
    }

    public int maxEventBytes() {
        return maxEventBytes;
    }

    /**
     * This store on the caller's transaction ({@code connection} must be inside one, e.g. in
     * {@code pool.withTransaction}): loads read and appends write through it, so they commit or roll back
     * with the caller's other writes. The append is still one statement; it runs under a savepoint, so a
     * lost race (a unique violation) surfaces as {@link ConcurrencyConflictException} with the caller's
     * transaction still usable, and a retry on fresh state can follow in the same transaction.
     */
    public EventStore within(SqlConnection connection) {
        return new EventStore(connection, true, codec, clock, maxEventBytes);
    }

    public EventCodec codec() {
        return codec;
    }

    /**
     * Appends events to a stream in one transaction if the stream is at {@code expectedVersion}
     * (0 = the stream must not exist yet). Fails with {@link ConcurrencyConflictException} otherwise,
     * and with {@link EventTooLargeException} if an envelope is above {@link #maxEventBytes()}, having
     * written nothing.
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
        int size = events.size();
        AppendRows rows = AppendRows.prepare(codec, partnerId, streamId, expectedVersion, events, context,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        String[] payloads = (String[]) rows.parameters().getValue(10);
        for (int i = 0; i < size; i++) {
            long bytes = utf8Length(payloads[i]);
            if (bytes > maxEventBytes) {
                return Uni.createFrom().failure(
                        new EventTooLargeException(streamId, rows.envelopes().get(i).type(), bytes, maxEventBytes));
            }
        }
        Tuple row = rows.parameters().addLong(expectedVersion);
        long newVersion = expectedVersion + size;
        Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> insert = inTransaction
                ? client.query(SAVEPOINT).execute().chain(() -> client.preparedQuery(APPEND).execute(row)
                        .onFailure().call(() -> client.query(ROLLBACK_TO_SAVEPOINT).execute()))
                : client.preparedQuery(APPEND).execute(row);
        return insert
                .map(inserted -> {
                    if (inserted.rowCount() != size) {
                        throw new NotAtExpectedVersion();
                    }
                    List<Long> positions = new ArrayList<>(size);
                    inserted.forEach(r -> positions.add(r.getLong("global_position")));
                    Collections.sort(positions);
                    WrittenPositions.record(partnerId, streamId.type(), streamId.value(), newVersion);
                    return new AppendResult(streamId, newVersion, rows.envelopes(), positions);
                })
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
        return client.preparedQuery(LOAD).execute(Tuple.of(streamId.value(), partnerId))
                .map(rows -> {
                    List<EventEnvelope> events = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        events.add(codec.decode(row.getString(0)));
                    }
                    long version = events.isEmpty() ? 0 : events.get(events.size() - 1).sequence();
                    return new EventStream(streamId, version, events);
                });
    }

    private Uni<AppendResult> conflict(String partnerId, StreamId streamId, long expectedVersion, Throwable cause) {
        return client.preparedQuery(HEAD).execute(Tuple.of(streamId.value())).map(rows -> {
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

    /** UTF-8 length without encoding: the check runs on every append. */
    static long utf8Length(String s) {
        long bytes = 0;
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private boolean isUniqueViolation(Throwable failure) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
    }

    /** Internal signal: the optimistic check failed; turned into a {@link ConcurrencyConflictException}. */
    private static final class NotAtExpectedVersion extends RuntimeException {
        NotAtExpectedVersion() {
            super(null, null, false, false);
        }
    }
}
