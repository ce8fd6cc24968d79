package io.switchboard.interaction.directory.store;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.eventstore.EventContext;
import io.switchboard.eventstore.EventStore;
import io.switchboard.eventstore.StreamId;
import io.switchboard.eventstore.decider.CommandHandler;
import io.switchboard.eventstore.decider.CommandResult;
import io.switchboard.interaction.directory.domain.Organization;
import io.switchboard.interaction.directory.domain.OrganizationCommand;
import io.switchboard.interaction.directory.domain.OrganizationDecider;
import jakarta.enterprise.context.ApplicationScoped;

/** The partners' organization settings: one stream per partner, {@code organization-<partner id>}. */
@ApplicationScoped
public class Organizations {
    private final EventStore store;

    public Organizations(EventStore store) {
        this.store = store;
    }

    public Uni<Organization> handle(String partnerId, OrganizationCommand command) {
        return handler(partnerId).handle(partnerId, streamOf(partnerId), command, EventContext.none())
                .map(CommandResult::state);
    }

    public Uni<Organization> find(String partnerId) {
        return handler(partnerId).current(partnerId, streamOf(partnerId)).map(CommandResult::state);
    }

    private CommandHandler<OrganizationCommand, Organization, DomainEvent> handler(String partnerId) {
        return new CommandHandler<>(store, new OrganizationDecider(partnerId), DomainEvent.class);
    }

    static StreamId streamOf(String partnerId) {
        return new StreamId(DirectoryEvents.ORGANIZATION, partnerId);
    }
}
