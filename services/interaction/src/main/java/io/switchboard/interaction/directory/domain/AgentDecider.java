package io.switchboard.interaction.directory.domain;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.interaction.DirectoryEvents.AgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.AgentDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.AgentUpdated;
import io.switchboard.events.interaction.DirectoryEvents.AgentUpdatedV1;
import io.switchboard.events.interaction.DirectoryEvents.TeamMemberAdded;
import io.switchboard.events.interaction.DirectoryEvents.TeamMemberRemoved;
import io.switchboard.interaction.directory.domain.AgentCommand.CreateAgent;
import io.switchboard.interaction.directory.domain.AgentCommand.DeactivateAgent;
import io.switchboard.interaction.directory.domain.AgentCommand.JoinTeam;
import io.switchboard.interaction.directory.domain.AgentCommand.LeaveTeam;
import io.switchboard.interaction.directory.domain.AgentCommand.UpdateAgent;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.Decider;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.eventstore.decider.UnhandledCommandException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent aggregate. It owns the agent's team membership: every membership (also at creation) is a
 * {@code TeamMemberAdded}/{@code TeamMemberRemoved} on the agent's stream, and (for the change history)
 * an {@code AgentUpdated} (the agent after the change; its {@code teams} change lists the team ids before
 * and after).
 * The stream also carries the agent's status events, which {@code AgentStatusDecider} folds; this
 * decider ignores them.
 */
public final class AgentDecider implements Decider<AgentCommand, Agent, DomainEvent> {
    public static final Set<String> ROLES = Set.of("agent", "enhanced-agent", "supervisor", "admin");

    @Override
    public Agent initialState() {
        return Agent.NONE;
    }

    @Override
    public List<DomainEvent> decide(AgentCommand command, Agent agent) {
        if (command instanceof CreateAgent create) {
            if (agent.exists()) {
                throw new IllegalTransitionException(agent.status(), "agent " + create.agentId() + " already exists");
            }
            AgentCreated created = create(create);
            List<DomainEvent> events = new ArrayList<>();
            events.add(created);
            created.teamIds().forEach(team -> events.add(new TeamMemberAdded(team, created.agentId(), created.createdAt())));
            return events;
        }
        if (!agent.exists()) {
            throw new AggregateNotFoundException("agent");
        }
        if (!agent.active()) {
            throw new IllegalTransitionException(agent.status(), "agent " + agent.id() + " is deactivated");
        }
        if (command instanceof UpdateAgent update) {
            return update(update, agent);
        }
        if (command instanceof JoinTeam join) {
            if (agent.teamIds().contains(join.teamId())) {
                return List.of();
            }
            List<Long> teams = new ArrayList<>(agent.teamIds());
            teams.add(join.teamId());
            return membership(agent, agent, teams, join.byUserId(), join.now(), new Checks.Changes());
        }
        if (command instanceof LeaveTeam leave) {
            if (!agent.teamIds().contains(leave.teamId())) {
                throw new AggregateNotFoundException("member of team " + leave.teamId() + ": agent", Long.toString(agent.id()));
            }
            List<Long> teams = new ArrayList<>(agent.teamIds());
            teams.remove(Long.valueOf(leave.teamId()));
            return membership(agent, agent, teams, leave.byUserId(), leave.now(), new Checks.Changes());
        }
        if (command instanceof DeactivateAgent deactivate) {
            return List.of(new AgentDeactivated(agent.id(), deactivate.byUserId(), deactivate.now()));
        }
        throw new UnhandledCommandException(command);
    }

    private static AgentCreated create(CreateAgent create) {
        String firstName = Checks.requireText(create.firstName(), "first_name");
        String lastName = Checks.requireText(create.lastName(), "last_name");
        String name = create.name() == null ? firstName + " " + lastName : Checks.requireText(create.name(), "name");
        String email = Checks.requireEmail(create.email(), "email");
        String avatar = Checks.optionalUrl(create.avatarUrl(), "avatar_url");
        List<String> roles = roles(create.roles() == null ? List.of("agent") : create.roles());
        List<Long> teams = Checks.requireKnownIds(create.teamIds(), create.knownTeams(), "teams", ".id", "team");
        return new AgentCreated(create.agentId(), name, firstName, lastName, email, avatar, roles, teams, create.now());
    }

    private static List<String> roles(List<String> roles) {
        if (roles.isEmpty()) {
            throw new InvalidCommandException("roles", "roles must name at least one role");
        }
        for (int i = 0; i < roles.size(); i++) {
            Checks.requireOneOf(roles.get(i), ROLES, "roles[" + i + "]");
        }
        return roles.stream().distinct().toList();
    }

    private static List<DomainEvent> update(UpdateAgent update, Agent agent) {
        Checks.Changes changes = new Checks.Changes();
        String name = agent.name();
        String firstName = agent.firstName();
        String lastName = agent.lastName();
        String email = agent.email();
        String avatarUrl = agent.avatarUrl();
        List<String> roles = agent.roles();
        if (update.name() != null) {
            name = Checks.requireText(update.name().value(), "name");
            changes.add("name", agent.name(), name);
        }
        if (update.firstName() != null) {
            firstName = Checks.requireText(update.firstName().value(), "first_name");
            changes.add("first_name", agent.firstName(), firstName);
        }
        if (update.lastName() != null) {
            lastName = Checks.requireText(update.lastName().value(), "last_name");
            changes.add("last_name", agent.lastName(), lastName);
        }
        if (update.email() != null) {
            email = Checks.requireEmail(update.email().value(), "email");
            changes.add("email", agent.email(), email);
        }
        if (update.avatarUrl() != null) {
            avatarUrl = Checks.optionalUrl(update.avatarUrl().value(), "avatar_url");
            changes.add("avatar_url", agent.avatarUrl(), avatarUrl);
        }
        if (update.roles() != null) {
            if (update.roles().value() == null) {
                throw new InvalidCommandException("roles", "roles must name at least one role");
            }
            roles = roles(update.roles().value());
            changes.add("roles", agent.roles(), roles);
        }
        List<Long> teams = agent.teamIds();
        if (update.teamIds() != null) {
            // Teams the agent is already in stay acceptable after they were deactivated, so a client can
            // send back the list it read.
            Set<Long> known = new java.util.HashSet<>(update.knownTeams());
            known.addAll(agent.teamIds());
            teams = Checks.requireKnownIds(update.teamIds().value(), known, "teams", ".id", "team");
        }
        Agent after = new Agent(agent.id(), name, firstName, lastName, email, avatarUrl, roles, agent.teamIds(),
                agent.active(), agent.createdAt(), agent.updatedAt());
        return membership(agent, after, teams, update.byUserId(), update.now(), changes);
    }

    /**
     * The update (if anything changed: {@code after} is the agent with the new profile, {@code teams} its
     * teams after) followed by one membership event per team joined or left.
     */
    private static List<DomainEvent> membership(Agent agent, Agent after, List<Long> teams, Long byUserId,
                                                java.time.Instant now, Checks.Changes changes) {
        List<DomainEvent> events = new ArrayList<>();
        boolean teamsChanged = !Set.copyOf(teams).equals(Set.copyOf(agent.teamIds()));
        if (teamsChanged) {
            changes.add("teams", agent.teamIds(), teams);
        }
        if (changes.isEmpty()) {
            return List.of();
        }
        List<Long> teamsAfter = teamsChanged ? teams : agent.teamIds();
        events.add(new AgentUpdated(agent.id(), changes.list(), after.name(), after.firstName(), after.lastName(),
                after.email(), after.avatarUrl(), after.roles(), teamsAfter, byUserId, now));
        if (teamsChanged) {
            agent.teamIds().stream().filter(id -> !teams.contains(id))
                    .forEach(id -> events.add(new TeamMemberRemoved(id, agent.id(), now)));
            teams.stream().filter(id -> !agent.teamIds().contains(id))
                    .forEach(id -> events.add(new TeamMemberAdded(id, agent.id(), now)));
        }
        return events;
    }

    @Override
    public Agent evolve(Agent agent, DomainEvent event) {
        if (event instanceof AgentCreated c) {
            return new Agent(c.agentId(), c.name(), c.firstName(), c.lastName(), c.email(), c.avatarUrl(), c.roles(),
                    c.teamIds(), true, c.createdAt(), c.createdAt());
        }
        if (event instanceof AgentUpdated u) {
            // Membership follows TeamMemberAdded/Removed, which come with this change.
            return new Agent(agent.id(), u.name(), u.firstName(), u.lastName(), u.email(), u.avatarUrl(), u.roles(),
                    agent.teamIds(), agent.active(), agent.createdAt(), u.updatedAt());
        }
        if (event instanceof AgentUpdatedV1 v1) {
            Map<String, Object> set = v1.after();
            return new Agent(agent.id(), (String) set.getOrDefault("name", agent.name()),
                    (String) set.getOrDefault("first_name", agent.firstName()),
                    (String) set.getOrDefault("last_name", agent.lastName()),
                    (String) set.getOrDefault("email", agent.email()),
                    (String) set.getOrDefault("avatar_url", agent.avatarUrl()),
                    roles(set, agent.roles()), agent.teamIds(), agent.active(), agent.createdAt(), v1.updatedAt());
        }
        if (event instanceof TeamMemberAdded added) {
            if (agent.teamIds().contains(added.teamId())) {
                return agent;
            }
            List<Long> teams = new ArrayList<>(agent.teamIds());
            teams.add(added.teamId());
            return withTeams(agent, teams);
        }
        if (event instanceof TeamMemberRemoved removed) {
            List<Long> teams = new ArrayList<>(agent.teamIds());
            teams.remove(Long.valueOf(removed.teamId()));
            return withTeams(agent, teams);
        }
        if (event instanceof AgentDeactivated d) {
            return new Agent(agent.id(), agent.name(), agent.firstName(), agent.lastName(), agent.email(), agent.avatarUrl(),
                    agent.roles(), agent.teamIds(), false, agent.createdAt(), d.deactivatedAt());
        }
        return agent;
    }

    @SuppressWarnings("unchecked")
    private static List<String> roles(Map<String, Object> set, List<String> before) {
        return set.containsKey("roles") ? (List<String>) set.get("roles") : before;
    }

    private static Agent withTeams(Agent a, List<Long> teams) {
        return new Agent(a.id(), a.name(), a.firstName(), a.lastName(), a.email(), a.avatarUrl(), a.roles(), teams,
                a.active(), a.createdAt(), a.updatedAt());
    }

}
