package io.switchboard.interaction.directory.store;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.eventstore.EventStore;
import io.switchboard.eventstore.decider.AggregateRepository;
import io.switchboard.interaction.directory.domain.Agent;
import io.switchboard.interaction.directory.domain.AgentCommand;
import io.switchboard.interaction.directory.domain.AgentDecider;
import io.switchboard.interaction.directory.domain.Menu;
import io.switchboard.interaction.directory.domain.MenuCommand;
import io.switchboard.interaction.directory.domain.MenuDecider;
import io.switchboard.interaction.directory.domain.Team;
import io.switchboard.interaction.directory.domain.TeamCommand;
import io.switchboard.interaction.directory.domain.TeamDecider;
import io.switchboard.interaction.directory.domain.VirtualAgent;
import io.switchboard.interaction.directory.domain.VirtualAgentCommand;
import io.switchboard.interaction.directory.domain.VirtualAgentDecider;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The directory's aggregates (agents, teams, menus, virtual agents through the event store) and the look-ups
 * their commands need (existence, ancestors, members).
 */
@ApplicationScoped
public class DirectoryStore {
    /** Deeper trees are refused as if they had a cycle; the Manager API's trees are a few levels deep. */
    static final int MAX_DEPTH = 64;

    private final Pool pool;
    private final AggregateRepository<AgentCommand, Agent, DomainEvent> agents;
    private final AggregateRepository<TeamCommand, Team, DomainEvent> teams;
    private final AggregateRepository<MenuCommand, Menu, DomainEvent> menus;
    private final AggregateRepository<VirtualAgentCommand, VirtualAgent, DomainEvent> virtualAgents;

    public DirectoryStore(EventStore store, Pool pool) {
        this.pool = pool;
        this.agents = new AggregateRepository<>(store, new AgentDecider(), DomainEvent.class, DirectoryEvents.AGENT, "agent", Agent::exists);
        this.teams = new AggregateRepository<>(store, new TeamDecider(), DomainEvent.class, DirectoryEvents.TEAM, "team", Team::exists);
        this.menus = new AggregateRepository<>(store, new MenuDecider(), DomainEvent.class, DirectoryEvents.MENU, "menu", Menu::exists);
        this.virtualAgents = new AggregateRepository<>(store, new VirtualAgentDecider(), DomainEvent.class, DirectoryEvents.VIRTUAL_AGENT,
                "virtual agent", VirtualAgent::exists);
    }

    public AggregateRepository<AgentCommand, Agent, DomainEvent> agents() {
        return agents;
    }

    public AggregateRepository<TeamCommand, Team, DomainEvent> teams() {
        return teams;
    }

    public AggregateRepository<MenuCommand, Menu, DomainEvent> menus() {
        return menus;
    }

    public AggregateRepository<VirtualAgentCommand, VirtualAgent, DomainEvent> virtualAgents() {
        return virtualAgents;
    }

    /** A new id of an entity type ({@code agent}, {@code team}, {@code menu}, {@code virtual_agent}). */
    public Uni<Long> nextId(String streamType) {
        return pool.query("SELECT nextval('" + streamType + "_id_seq')").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The partner's active teams among {@code ids}. */
    public Uni<Set<Long>> activeTeams(String partnerId, Collection<Long> ids) {
        return activeAmong(ids, id -> teams.findIfExists(partnerId, id).map(t -> t.filter(Team::active).isPresent()));
    }

    public Uni<Boolean> isActiveTeam(String partnerId, Long id) {
        return id == null || id <= 0 ? Uni.createFrom().item(false)
                : teams.findIfExists(partnerId, id).map(t -> t.filter(Team::active).isPresent());
    }

    public Uni<Boolean> isActiveMenu(String partnerId, Long id) {
        return id == null || id <= 0 ? Uni.createFrom().item(false)
                : menus.findIfExists(partnerId, id).map(m -> m.filter(Menu::active).isPresent());
    }

    public Uni<Boolean> isActiveVirtualAgent(String partnerId, Long id) {
        return id == null || id <= 0 ? Uni.createFrom().item(false)
                : virtualAgents.findIfExists(partnerId, id).map(v -> v.filter(VirtualAgent::active).isPresent());
    }

    /** The teams above {@code teamId}, nearest first (stops at a root, a loop or {@link #MAX_DEPTH}). */
    public Uni<List<Long>> teamAncestors(String partnerId, Long teamId) {
        return ancestors(teamId, id -> teams.findIfExists(partnerId, id).map(t -> t.map(Team::parentId)), new ArrayList<>());
    }

    public Uni<List<Long>> menuAncestors(String partnerId, Long menuId) {
        return ancestors(menuId, id -> menus.findIfExists(partnerId, id).map(m -> m.map(Menu::parentId)), new ArrayList<>());
    }

    private Uni<List<Long>> ancestors(Long id, Function<Long, Uni<Optional<Long>>> parentOf, List<Long> found) {
        if (id == null || id <= 0 || found.size() >= MAX_DEPTH) {
            return Uni.createFrom().item(found);
        }
        return parentOf.apply(id).flatMap(parent -> {
            if (parent.isEmpty() || found.contains(parent.get())) {
                return Uni.createFrom().item(found);
            }
            found.add(parent.get());
            return ancestors(parent.get(), parentOf, found);
        });
    }

    /** The partner's active agents that are members of the team now. */
    public Uni<List<Agent>> members(String partnerId, long teamId) {
        return pool.preparedQuery("""
                        SELECT DISTINCT (payload -> 'data' ->> 'agentId')::bigint FROM event_store
                        WHERE event_type = 'TeamMemberAdded' AND partner_id = $1 AND payload -> 'data' ->> 'teamId' = $2""")
                .execute(Tuple.of(partnerId, Long.toString(teamId)))
                .flatMap(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong(0)));
                    return Multi.createFrom().iterable(ids)
                            .onItem().transformToUniAndConcatenate(id -> agents.findIfExists(partnerId, id))
                            .collect().asList();
                })
                .map(found -> found.stream().flatMap(Optional::stream)
                        .filter(agent -> agent.active() && agent.teamIds().contains(teamId))
                        .sorted(java.util.Comparator.comparingLong(Agent::id))
                        .toList());
    }

    private static Uni<Set<Long>> activeAmong(Collection<Long> ids, Function<Long, Uni<Boolean>> active) {
        Set<Long> wanted = new LinkedHashSet<>();
        if (ids != null) {
            ids.stream().filter(id -> id != null && id > 0).forEach(wanted::add);
        }
        return Multi.createFrom().iterable(wanted)
                .onItem().transformToUniAndConcatenate(id -> active.apply(id).map(ok -> ok ? id : -1L))
                .collect().asList()
                .map(found -> {
                    Set<Long> known = new HashSet<>(found);
                    known.remove(-1L);
                    return known;
                });
    }
}
