package io.switchboard.interaction.directory.domain;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentUpdated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentUpdatedV1;
import io.switchboard.interaction.directory.domain.VirtualAgentCommand.CreateVirtualAgent;
import io.switchboard.interaction.directory.domain.VirtualAgentCommand.DeactivateVirtualAgent;
import io.switchboard.interaction.directory.domain.VirtualAgentCommand.UpdateVirtualAgent;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.Decider;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.UnhandledCommandException;

import java.util.List;

public final class VirtualAgentDecider implements Decider<VirtualAgentCommand, VirtualAgent, DomainEvent> {

    @Override
    public VirtualAgent initialState() {
        return VirtualAgent.NONE;
    }

    @Override
    public List<DomainEvent> decide(VirtualAgentCommand command, VirtualAgent bot) {
        if (command instanceof CreateVirtualAgent create) {
            if (bot.exists()) {
                throw new IllegalTransitionException(bot.status(), "virtual agent " + create.virtualAgentId() + " already exists");
            }
            return List.of(new VirtualAgentCreated(create.virtualAgentId(), Checks.requireText(create.name(), "name"),
                    Checks.optionalUrl(create.avatarUrl(), "avatar_url"), create.now()));
        }
        if (!bot.exists()) {
            throw new AggregateNotFoundException("virtual agent");
        }
        if (!bot.active()) {
            throw new IllegalTransitionException(bot.status(), "virtual agent " + bot.id() + " is deactivated");
        }
        if (command instanceof UpdateVirtualAgent update) {
            Checks.Changes changes = new Checks.Changes();
            String name = bot.name();
            if (update.name() != null) {
                name = Checks.requireText(update.name().value(), "name");
                changes.add("name", bot.name(), name);
            }
            String avatarUrl = bot.avatarUrl();
            if (update.avatarUrl() != null) {
                avatarUrl = Checks.optionalUrl(update.avatarUrl().value(), "avatar_url");
                changes.add("avatar_url", bot.avatarUrl(), avatarUrl);
            }
            return changes.isEmpty() ? List.of()
                    : List.of(new VirtualAgentUpdated(bot.id(), changes.list(), name, avatarUrl, update.byUserId(), update.now()));
        }
        if (command instanceof DeactivateVirtualAgent deactivate) {
            return List.of(new VirtualAgentDeactivated(bot.id(), deactivate.byUserId(), deactivate.now()));
        }
        throw new UnhandledCommandException(command);
    }

    @Override
    public VirtualAgent evolve(VirtualAgent bot, DomainEvent event) {
        if (event instanceof VirtualAgentCreated c) {
            return new VirtualAgent(c.virtualAgentId(), c.name(), c.avatarUrl(), true, c.createdAt(), c.createdAt());
        }
        if (event instanceof VirtualAgentUpdated u) {
            return new VirtualAgent(bot.id(), u.name(), u.avatarUrl(), bot.active(), bot.createdAt(), u.updatedAt());
        }
        if (event instanceof VirtualAgentUpdatedV1 v1) {
            // Written before virtual agents had an avatar: it can only have set the name.
            return new VirtualAgent(bot.id(), (String) v1.after().getOrDefault("name", bot.name()), bot.avatarUrl(),
                    bot.active(), bot.createdAt(), v1.updatedAt());
        }
        if (event instanceof VirtualAgentDeactivated d) {
            return new VirtualAgent(bot.id(), bot.name(), bot.avatarUrl(), false, bot.createdAt(), d.deactivatedAt());
        }
        return bot;
    }
}
