package io.switchboard.interaction.directory.store;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.DomainEvent;
import io.switchboard.eventstore.EventContext;
import io.switchboard.eventstore.EventStore;
import io.switchboard.eventstore.StreamId;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.CommandHandler;
import io.switchboard.eventstore.decider.Decider;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * One directory aggregate type through the event store, always on behalf of one partner: another
 * partner's entity is as absent as one that never existed (404).
 */
public final class Aggregates<C, S> {
    private final CommandHandler<C, S, DomainEvent> handler;
    private final String streamType;
    private final String noun;
    private final Predicate<S> exists;

    public Aggregates(EventStore store, Decider<C, S, DomainEvent> decider, String streamType, String noun,
                      Predicate<S> exists) {
        this.handler = new CommandHandler<>(store, decider, DomainEvent.class);
        this.streamType = streamType;
        this.noun = noun;
        this.exists = exists;
    }

    public Uni<S> handle(String partnerId, long id, C command) {
        return handler.handle(partnerId, StreamId.of(streamType, id), command, EventContext.none())
                .map(result -> result.state())
                // The deciders cannot name an entity they have no events of.
                .onFailure(AggregateNotFoundException.class)
                .transform(missing -> missing.getMessage().equals(noun + "  not found")
                        ? new AggregateNotFoundException(noun, Long.toString(id)) : missing);
    }

    public Uni<Optional<S>> findIfExists(String partnerId, long id) {
        return handler.current(partnerId, StreamId.of(streamType, id))
                .map(result -> Optional.of(result.state()).filter(exists));
    }

    public Uni<S> find(String partnerId, long id) {
        return findIfExists(partnerId, id)
                .map(found -> found.orElseThrow(() -> new AggregateNotFoundException(noun, Long.toString(id))));
    }
}
