package io.switchboard.interaction.directory.domain;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.interaction.DirectoryEvents.TeamCreated;
import io.switchboard.events.interaction.DirectoryEvents.TeamDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.TeamUpdated;
import io.switchboard.events.interaction.DirectoryEvents.TeamUpdatedV1;
import io.switchboard.interaction.directory.domain.TeamCommand.CreateTeam;
import io.switchboard.interaction.directory.domain.TeamCommand.DeactivateTeam;
import io.switchboard.interaction.directory.domain.TeamCommand.UpdateTeam;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.Decider;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.eventstore.decider.UnhandledCommandException;

import java.util.List;
import java.util.Map;

/** The team aggregate: a node of the team tree. Members live on the agents' streams. */
public final class TeamDecider implements Decider<TeamCommand, Team, DomainEvent> {

    @Override
    public Team initialState() {
        return Team.NONE;
    }

    @Override
    public List<DomainEvent> decide(TeamCommand command, Team team) {
        if (command instanceof CreateTeam create) {
            if (team.exists()) {
                throw new IllegalTransitionException(team.status(), "team " + create.teamId() + " already exists");
            }
            String name = Checks.requireText(create.name(), "name");
            Long parent = Checks.optionalKnownId(create.parentId(), create.parentKnown(), "parent_id", "team");
            return List.of(new TeamCreated(create.teamId(), name, parent, create.now()));
        }
        if (!team.exists()) {
            throw new AggregateNotFoundException("team");
        }
        if (!team.active()) {
            throw new IllegalTransitionException(team.status(), "team " + team.id() + " is deactivated");
        }
        if (command instanceof UpdateTeam update) {
            Checks.Changes changes = new Checks.Changes();
            String name = team.name();
            Long parentId = team.parentId();
            if (update.name() != null) {
                name = Checks.requireText(update.name().value(), "name");
                changes.add("name", team.name(), name);
            }
            if (update.parentId() != null && update.parentId().value() != null
                    && !update.parentId().value().equals(team.parentId())) {
                Long parent = update.parentId().value();
                if (parent == team.id() || update.parentAncestors().contains(team.id())) {
                    throw new InvalidCommandException("parent_id", "team " + parent + " is this team or below it: the tree would have a cycle");
                }
                parentId = Checks.optionalKnownId(parent, update.parentKnown(), "parent_id", "team");
                changes.add("parent_id", team.parentId(), parentId);
            } else if (update.parentId() != null && update.parentId().value() == null) {
                parentId = null;
                changes.add("parent_id", team.parentId(), null);
            }
            return changes.isEmpty() ? List.of()
                    : List.of(new TeamUpdated(team.id(), changes.list(), name, parentId, update.byUserId(), update.now()));
        }
        if (command instanceof DeactivateTeam deactivate) {
            return List.of(new TeamDeactivated(team.id(), deactivate.byUserId(), deactivate.now()));
        }
        throw new UnhandledCommandException(command);
    }

    @Override
    public Team evolve(Team team, DomainEvent event) {
        if (event instanceof TeamCreated c) {
            return new Team(c.teamId(), c.name(), c.parentId(), true, c.createdAt(), c.createdAt());
        }
        if (event instanceof TeamUpdated u) {
            return new Team(team.id(), u.name(), u.parentId(), team.active(), team.createdAt(), u.updatedAt());
        }
        if (event instanceof TeamUpdatedV1 v1) {
            Map<String, Object> set = v1.after();
            return new Team(team.id(), (String) set.getOrDefault("name", team.name()),
                    (Long) set.getOrDefault("parent_id", team.parentId()), team.active(), team.createdAt(), v1.updatedAt());
        }
        if (event instanceof TeamDeactivated d) {
            return new Team(team.id(), team.name(), team.parentId(), false, team.createdAt(), d.deactivatedAt());
        }
        return team;
    }
}
