package io.switchboard.eventstore.decider;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.DomainEvent;
import io.switchboard.eventstore.EventContext;
import io.switchboard.eventstore.EventStore;
import io.switchboard.eventstore.StreamId;
import io.vertx.mutiny.sqlclient.SqlConnection;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * One aggregate type through the event store, always on behalf of one partner: another partner's
 * aggregate is as absent as one that never existed, and "not found" names the type and the id
 * ({@code chat 42 not found}, 404).
 *
 * @param <C> command type
 * @param <S> state type
 * @param <E> event type
 */
public final class AggregateRepository<C, S, E extends DomainEvent> {
    private final CommandHandler<C, S, E> handler;
    private final String streamType;
    private final String noun;
    private final Predicate<S> exists;

    /**
     * @param streamType the stream type ({@code virtual_agent}); streams are {@code <streamType>-<id>}
     * @param noun       how "not found" names the type ({@code virtual agent})
     * @param exists     whether a folded state is an aggregate (not the state of an empty stream)
     */
    public AggregateRepository(EventStore store, Decider<C, S, E> decider, Class<E> eventType, String streamType,
                               String noun, Predicate<S> exists) {
        this(new CommandHandler<>(store, decider, eventType), streamType, noun, exists);
    }

    private AggregateRepository(CommandHandler<C, S, E> handler, String streamType, String noun, Predicate<S> exists) {
        this.handler = handler;
        this.streamType = streamType;
        this.noun = noun;
        this.exists = exists;
    }

    /** The same repository on the caller's transaction: new events commit or roll back with its other writes. */
    public AggregateRepository<C, S, E> within(SqlConnection transaction) {
        return new AggregateRepository<>(handler.within(transaction), streamType, noun, exists);
    }

    /** Decides {@code command} on aggregate {@code id} and appends its events; answers the new state. */
    public Uni<S> handle(String partnerId, Object id, C command, EventContext context) {
        String key = String.valueOf(id);
        return handler.handle(partnerId, stream(key), command, context).map(CommandResult::state)
                .onFailure(AggregateNotFoundException.class)
                .transform(missing -> named((AggregateNotFoundException) missing, key));
    }

    public Uni<S> handle(String partnerId, Object id, C command) {
        return handle(partnerId, id, command, EventContext.none());
    }

    /** The partner's aggregate, if it exists (no 404). */
    public Uni<Optional<S>> findIfExists(String partnerId, Object id) {
        return handler.current(partnerId, stream(String.valueOf(id)))
                .map(result -> Optional.of(result.state()).filter(exists));
    }

    /** The partner's aggregate, or 404 naming it. */
    public Uni<S> find(String partnerId, Object id) {
        return findIfExists(partnerId, id)
                .map(found -> found.orElseThrow(() -> new AggregateNotFoundException(noun, String.valueOf(id))));
    }

    private StreamId stream(String id) {
        return new StreamId(streamType, id);
    }

    /** A decider's "not found" of its own aggregate gets the id; one naming something else stays as it is. */
    private AggregateNotFoundException named(AggregateNotFoundException missing, String id) {
        return missing.id() == null ? new AggregateNotFoundException(noun, id) : missing;
    }
}
