package io.switchboard.interaction.directory.domain;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.FieldChange;
import io.switchboard.events.interaction.DirectoryEvents.AgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.AgentDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.AgentUpdated;
import io.switchboard.events.interaction.DirectoryEvents.AgentUpdatedV1;
import io.switchboard.events.interaction.DirectoryEvents.TeamMemberAdded;
import io.switchboard.events.interaction.DirectoryEvents.TeamMemberRemoved;
import io.switchboard.eventstore.decider.DeciderSpec;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.interaction.directory.domain.AgentCommand.CreateAgent;
import io.switchboard.interaction.directory.domain.AgentCommand.DeactivateAgent;
import io.switchboard.interaction.directory.domain.AgentCommand.JoinTeam;
import io.switchboard.interaction.directory.domain.AgentCommand.LeaveTeam;
import io.switchboard.interaction.directory.domain.AgentCommand.UpdateAgent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Given events, when a command, then events or a rejection. */
class AgentDeciderTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.000Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final AgentCreated ANN = new AgentCreated(7, "Ann Lee", "Ann", "Lee", "ann@example.com", null,
            List.of("agent"), List.of(1L), T0);
    private static final TeamMemberAdded ANN_IN_1 = new TeamMemberAdded(1, 7, T0);
    private final DeciderSpec<AgentCommand, Agent, DomainEvent> spec = DeciderSpec.of(new AgentDecider());

    private static CreateAgent create(String name, String first, String last, String email, String avatar,
                                      List<String> roles, List<Long> teams) {
        return new CreateAgent(7, name, first, last, email, avatar, roles, teams, Set.of(1L, 2L), T0);
    }

    private static UpdateAgent update(Patch<String> name, Patch<String> email, Patch<String> avatar,
                                      Patch<List<String>> roles, Patch<List<Long>> teams) {
        return new UpdateAgent(name, null, null, email, avatar, roles, teams, Set.of(1L, 2L, 3L), 42L, T1);
    }

    @Test
    void aNewAgentIsCreatedWithNameDefaultRoleAndTeamMemberships() {
        var create = spec.when(create(null, "Ann", "Lee", "ann@example.com", null, null, List.of(1L, 2L, 1L)));
        List<DomainEvent> events = create.events();

        assertThat(events).containsExactly(
                new AgentCreated(7, "Ann Lee", "Ann", "Lee", "ann@example.com", null, List.of("agent"), List.of(1L, 2L), T0),
                new TeamMemberAdded(1, 7, T0), new TeamMemberAdded(2, 7, T0));
        Agent agent = create.thenState();
        assertThat(agent.teamIds()).containsExactly(1L, 2L);
        assertThat(agent.active()).isTrue();
        assertThat(agent.updatedAt()).isEqualTo(T0);
    }

    @Test
    void invalidFieldsOfACreateAreRejectedByName() {
        expectInvalid(create(null, " ", "Lee", "ann@example.com", null, null, null), "first_name");
        expectInvalid(create(null, "Ann", null, "ann@example.com", null, null, null), "last_name");
        expectInvalid(create("x".repeat(101), "Ann", "Lee", "ann@example.com", null, null, null), "name");
        expectInvalid(create(null, "Ann", "Lee", null, null, null, null), "email");
        expectInvalid(create(null, "Ann", "Lee", "not-an-email", null, null, null), "email");
        expectInvalid(create(null, "Ann", "Lee", "ann@example.com", "ftp://x/y.png", null, null), "avatar_url");
        expectInvalid(create(null, "Ann", "Lee", "ann@example.com", null, List.of(), null), "roles");
        expectInvalid(create(null, "Ann", "Lee", "ann@example.com", null, List.of("agent", "root"), null), "roles[1]");
        expectInvalid(create(null, "Ann", "Lee", "ann@example.com", null, null, List.of(1L, 9L)), "teams[1].id");
    }

    @Test
    void anAgentCannotBeCreatedTwice() {
        spec.given(ANN).when(create(null, "Ann", "Lee", "ann@example.com", null, null, null))
                .thenRejected(IllegalTransitionException.class);
    }

    @Test
    void anUpdateRecordsFormerAndNewValuesOfChangedFieldsOnly() {
        var update = spec.given(ANN, ANN_IN_1).when(update(Patch.of("Ann Lee"), Patch.of("ann.lee@example.com"),
                Patch.of("https://cdn.example.com/ann.png"), Patch.of(List.of("agent", "supervisor")), null));
        List<DomainEvent> events = update.events();

        assertThat(events).containsExactly(new AgentUpdated(7, List.of(
                new FieldChange("email", "ann@example.com", "ann.lee@example.com"),
                new FieldChange("avatar_url", null, "https://cdn.example.com/ann.png"),
                new FieldChange("roles", "[agent]", "[agent,supervisor]")), "Ann Lee", "Ann", "Lee", "ann.lee@example.com",
                "https://cdn.example.com/ann.png", List.of("agent", "supervisor"), List.of(1L), 42L, T1));
        Agent agent = update.thenState();
        assertThat(agent.email()).isEqualTo("ann.lee@example.com");
        assertThat(agent.roles()).containsExactly("agent", "supervisor");
        assertThat(agent.updatedAt()).isEqualTo(T1);
    }

    @Test
    void clearingTheAvatarIsAChangeToNull() {
        AgentUpdated withAvatar = new AgentUpdated(7, List.of(new FieldChange("avatar_url", null, "https://x.example/a.png")),
                "Ann Lee", "Ann", "Lee", "ann@example.com", "https://x.example/a.png", List.of("agent"), List.of(1L), null, T0);

        assertThat(spec.given(ANN, withAvatar).when(update(null, null, Patch.of(null), null, null)).events()).containsExactly(
                new AgentUpdated(7, List.of(new FieldChange("avatar_url", "https://x.example/a.png", null)), "Ann Lee",
                        "Ann", "Lee", "ann@example.com", null, List.of("agent"), List.of(1L), 42L, T1));
    }

    @Test
    void aVersion1UpdateWrittenBeforeTheTypedAfterStateIsStillFolded() {
        AgentUpdatedV1 v1 = new AgentUpdatedV1(7, List.of(new FieldChange("last_name", "Lee", "King"),
                new FieldChange("avatar_url", null, "https://x.example/a.png"),
                new FieldChange("roles", "[agent]", "[agent,supervisor]"), new FieldChange("teams", "[1]", "[1,2]")),
                42L, T1);

        Agent agent = spec.given(ANN, ANN_IN_1, v1).state();

        assertThat(agent.lastName()).isEqualTo("King");
        assertThat(agent.name()).isEqualTo("Ann Lee");
        assertThat(agent.avatarUrl()).isEqualTo("https://x.example/a.png");
        assertThat(agent.roles()).containsExactly("agent", "supervisor");
        assertThat(agent.teamIds()).as("membership follows TeamMemberAdded/Removed").containsExactly(1L);
        assertThat(agent.updatedAt()).isEqualTo(T1);
    }

    @Test
    void anUpdateThatChangesNothingWritesNothing() {
        spec.given(ANN, ANN_IN_1).when(update(Patch.of("Ann Lee"), Patch.of("ann@example.com"), null, null,
                Patch.of(List.of(1L)))).thenNothing();
    }

    @Test
    void changingTeamsRecordsTheChangeAndEachMembership() {
        assertThat(spec.given(ANN, ANN_IN_1).when(update(null, null, null, null, Patch.of(List.of(2L, 3L)))).events()).containsExactly(
                new AgentUpdated(7, List.of(new FieldChange("teams", "[1]", "[2,3]")), "Ann Lee", "Ann", "Lee",
                        "ann@example.com", null, List.of("agent"), List.of(2L, 3L), 42L, T1),
                new TeamMemberRemoved(1, 7, T1), new TeamMemberAdded(2, 7, T1), new TeamMemberAdded(3, 7, T1));
    }

    @Test
    void aTeamTheAgentIsAlreadyInMayBeNamedAfterItWasDeactivated() {
        // Team 1 is no longer among the known (active) teams.
        UpdateAgent keep = new UpdateAgent(null, null, null, null, null, null, Patch.of(List.of(1L, 2L)), Set.of(2L), 42L, T1);
        assertThat(spec.given(ANN, ANN_IN_1).when(keep).events()).containsExactly(
                new AgentUpdated(7, List.of(new FieldChange("teams", "[1]", "[1,2]")), "Ann Lee", "Ann", "Lee",
                        "ann@example.com", null, List.of("agent"), List.of(1L, 2L), 42L, T1), new TeamMemberAdded(2, 7, T1));
    }

    @Test
    void invalidFieldsOfAnUpdateAreRejectedByName() {
        expectInvalid(update(Patch.of(""), null, null, null, null), "name", ANN);
        expectInvalid(update(null, Patch.of(null), null, null, null), "email", ANN);
        expectInvalid(update(null, null, null, Patch.of(null), null), "roles", ANN);
        expectInvalid(update(null, null, null, null, Patch.of(List.of(4L))), "teams[0].id", ANN);
    }

    @Test
    void joiningAndLeavingATeam() {
        assertThat(spec.given(ANN, ANN_IN_1).when(new JoinTeam(2, 42L, T1)).events()).containsExactly(
                new AgentUpdated(7, List.of(new FieldChange("teams", "[1]", "[1,2]")), "Ann Lee", "Ann", "Lee",
                        "ann@example.com", null, List.of("agent"), List.of(1L, 2L), 42L, T1),
                new TeamMemberAdded(2, 7, T1));
        spec.given(ANN, ANN_IN_1).when(new JoinTeam(1, 42L, T1)).thenNothing();
        assertThat(spec.given(ANN, ANN_IN_1).when(new LeaveTeam(1, 42L, T1)).events()).containsExactly(
                new AgentUpdated(7, List.of(new FieldChange("teams", "[1]", "[]")), "Ann Lee", "Ann", "Lee",
                        "ann@example.com", null, List.of("agent"), List.of(), 42L, T1),
                new TeamMemberRemoved(1, 7, T1));
        spec.given(ANN, ANN_IN_1).when(new LeaveTeam(2, 42L, T1)).thenNotFound();
    }

    @Test
    void deactivationKeepsTheAgentButRefusesEveryLaterChange() {
        AgentDeactivated deactivated = new AgentDeactivated(7, 42L, T1);
        spec.given(ANN).when(new DeactivateAgent(42L, T1)).then(deactivated);
        Agent agent = spec.given(ANN, deactivated).state();
        assertThat(agent.exists()).isTrue();
        assertThat(agent.active()).isFalse();

        for (AgentCommand later : List.of(new DeactivateAgent(42L, T1), new JoinTeam(2, null, T1),
                new LeaveTeam(1, null, T1), update(Patch.of("B"), null, null, null, null))) {
            spec.given(ANN, deactivated).when(later).thenIllegal("inactive");
        }
    }

    @Test
    void commandsOnAnAgentThatDoesNotExistAreNotFound() {
        for (AgentCommand command : List.of(new DeactivateAgent(null, T1), new JoinTeam(1, null, T1),
                new LeaveTeam(1, null, T1), update(Patch.of("B"), null, null, null, null))) {
            spec.when(command).thenNotFound();
        }
    }

    private void expectInvalid(AgentCommand command, String field, DomainEvent... given) {
        spec.given(given).when(command).thenInvalid(field);
    }

    @Test
    void everyCommandIsDecided() {
        spec.given(ANN, ANN_IN_1).everyCommandIsDecided(AgentCommand.class);
    }
}
