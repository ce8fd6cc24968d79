package io.switchboard.interaction.directory.api;

import io.switchboard.events.WireTime;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.interaction.directory.domain.Agent;
import io.switchboard.interaction.directory.domain.Menu;
import io.switchboard.interaction.directory.domain.Team;
import io.switchboard.interaction.directory.domain.VirtualAgent;
import io.switchboard.interaction.directory.store.DirectoryStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The written resources in the Manager API's shapes (docs/api/manager.md#agent-object, #menu-object,
 * #team-object). */
@ApplicationScoped
public class Views {
    private final DirectoryStore directory;

    public Views(DirectoryStore directory) {
        this.directory = directory;
    }

    /** A team as other resources embed it. */
    public record TeamRef(long id, String name, Long parentId, boolean deleted) {
        static TeamRef of(Team team) {
            return new TeamRef(team.id(), team.name(), team.parentId(), !team.active());
        }
    }

    /** The compact user reference ("User Info") of team assignees. */
    public record UserInfo(long id, String name, String firstName, String lastName, String agentNumber, String avatarUrl) {
        static UserInfo of(Agent agent) {
            return new UserInfo(agent.id(), agent.name(), agent.firstName(), agent.lastName(), null, agent.avatarUrl());
        }
    }

    public record AgentView(long id, String name, String firstName, String lastName, String email, String avatarUrl,
                            List<String> roles, List<TeamRef> teams, boolean active, String createdAt, String updatedAt) {
    }

    public record TeamView(long id, String name, Long parentId, boolean deleted, boolean active, int agentsCount,
                           List<UserInfo> assignees, String createdAt, String updatedAt) {
    }

    public record TeamAssignment(String channelType, TeamRef team) {
    }

    public record MenuView(long id, String name, String channel, String menuType, Long parentId, boolean deleted,
                           boolean active, List<TeamAssignment> teamAssignments, Long virtualAgentId, String createdAt,
                           String updatedAt) {
    }

    public record VirtualAgentView(long id, String name, String avatarUrl, boolean deleted, boolean active, String createdAt,
                                   String updatedAt) {
    }

    public Uni<AgentView> agent(String partnerId, Agent agent) {
        return teams(partnerId, agent.teamIds()).map(teams -> new AgentView(agent.id(), agent.name(), agent.firstName(),
                agent.lastName(), agent.email(), agent.avatarUrl(), agent.roles(), teams, agent.active(),
                time(agent.createdAt()), time(agent.updatedAt())));
    }

    public Uni<TeamView> team(String partnerId, Team team) {
        return directory.members(partnerId, team.id()).map(members -> new TeamView(team.id(), team.name(), team.parentId(),
                !team.active(), team.active(), members.size(), members.stream().map(UserInfo::of).toList(),
                time(team.createdAt()), time(team.updatedAt())));
    }

    public Uni<MenuView> menu(String partnerId, Menu menu) {
        String channelType = menu.channel().equals("voice") ? "voice_call" : "chat";
        return teams(partnerId, menu.teamIds()).map(teams -> new MenuView(menu.id(), menu.name(), menu.channel(),
                menu.menuType(), menu.parentId(), !menu.active(), menu.active(),
                teams.stream().map(team -> new TeamAssignment(channelType, team)).toList(), menu.virtualAgentId(),
                time(menu.createdAt()), time(menu.updatedAt())));
    }

    public static VirtualAgentView virtualAgent(VirtualAgent bot) {
        return new VirtualAgentView(bot.id(), bot.name(), bot.avatarUrl(), !bot.active(), bot.active(), time(bot.createdAt()),
                time(bot.updatedAt()));
    }

    private Uni<List<TeamRef>> teams(String partnerId, List<Long> ids) {
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> directory.teams().findIfExists(partnerId, id))
                .collect().asList()
                .map(found -> found.stream().flatMap(Optional::stream).map(TeamRef::of).toList());
    }

    static String time(Instant instant) {
        return instant == null ? null : WireTime.format(instant);
    }
}
