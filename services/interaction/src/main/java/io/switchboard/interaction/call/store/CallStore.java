package io.switchboard.interaction.call.store;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.interaction.CallEvents;
import io.switchboard.eventstore.EventStore;
import io.switchboard.eventstore.decider.AggregateRepository;
import io.switchboard.interaction.call.domain.Call;
import io.switchboard.interaction.call.domain.CallCommand;
import io.switchboard.interaction.call.domain.CallDecider;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** Calls through the event store (stream type {@code call}, one stream per call), always for one partner. */
@ApplicationScoped
public class CallStore {
    private final AggregateRepository<CallCommand, Call, DomainEvent> calls;
    private final Pool pool;

    public CallStore(EventStore store, Pool pool) {
        this.calls = new AggregateRepository<>(store, new CallDecider(), DomainEvent.class, CallEvents.AGGREGATE_TYPE,
                "call", Call::exists);
        this.pool = pool;
    }

    /** New ids in one round trip: a call id (or 0 if not asked for), participant ids and a transfer id. */
    public Uni<Ids> nextIds(boolean callId) {
        return pool.query("SELECT " + (callId ? "nextval('call_id_seq')" : "0")
                        + ", nextval('call_participant_id_seq'), nextval('call_participant_id_seq'), nextval('call_transfer_id_seq')")
                .execute().map(rows -> {
                    Row row = rows.iterator().next();
                    return new Ids(row.getLong(0), List.of(row.getLong(1), row.getLong(2)), row.getLong(3));
                });
    }

    /** Fresh ids for one command; {@code participants} has two. */
    public record Ids(long callId, List<Long> participants, long transfer) {
        public Ids {
            participants = List.copyOf(participants);
        }
    }

    public Uni<Call> handle(String partnerId, long callId, CallCommand command) {
        return calls.handle(partnerId, callId, command);
    }

    public Uni<Optional<Call>> findIfExists(String partnerId, long callId) {
        return calls.findIfExists(partnerId, callId);
    }

    /** The partner's call; another partner's call is as absent as one that never existed (404). */
    public Uni<Call> find(String partnerId, long callId) {
        return calls.find(partnerId, callId);
    }
}
