package io.switchboard.interaction.directory.domain;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.FieldChange;
import io.switchboard.events.interaction.DirectoryEvents.TeamCreated;
import io.switchboard.events.interaction.DirectoryEvents.TeamDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.TeamUpdated;
import io.switchboard.events.interaction.DirectoryEvents.TeamUpdatedV1;
import io.switchboard.eventstore.decider.DeciderSpec;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.interaction.directory.domain.TeamCommand.CreateTeam;
import io.switchboard.interaction.directory.domain.TeamCommand.DeactivateTeam;
import io.switchboard.interaction.directory.domain.TeamCommand.UpdateTeam;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TeamDeciderTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.000Z");
    private static final Instant T1 = T0.plusSeconds(60);
    /** "US" (1) → "East" (2) → "Boston" (3); this stream is East's. */
    private static final TeamCreated EAST = new TeamCreated(2, "East", 1L, T0);
    private final DeciderSpec<TeamCommand, Team, DomainEvent> spec = DeciderSpec.of(new TeamDecider());

    private static UpdateTeam reparent(Long parent, boolean known, List<Long> ancestors) {
        return new UpdateTeam(null, Patch.of(parent), known, ancestors, 42L, T1);
    }

    @Test
    void aTeamIsCreatedUnderAKnownParentOrAsARoot() {
        spec.when(new CreateTeam(2, "East", 1L, true, T0)).then(EAST);
        spec.when(new CreateTeam(1, "US", null, false, T0)).then(new TeamCreated(1, "US", null, T0));
    }

    @Test
    void invalidCreatesAreRejectedByName() {
        expectInvalid(new CreateTeam(2, null, null, false, T0), "name");
        expectInvalid(new CreateTeam(2, "East", 9L, false, T0), "parent_id");
        expectInvalid(new CreateTeam(2, "East", -1L, true, T0), "parent_id");
        spec.given(EAST).when(new CreateTeam(2, "East", 1L, true, T0)).thenRejected(IllegalTransitionException.class);
    }

    @Test
    void renamingAndMovingRecordTheirChanges() {
        var update = spec.given(EAST).when(new UpdateTeam(Patch.of("East Coast"), Patch.of(5L), true, List.of(), 42L, T1));
        List<DomainEvent> events = update.events();

        assertThat(events).containsExactly(new TeamUpdated(2, List.of(new FieldChange("name", "East", "East Coast"),
                new FieldChange("parent_id", "1", "5")), "East Coast", 5L, 42L, T1));
        Team team = update.thenState();
        assertThat(team.name()).isEqualTo("East Coast");
        assertThat(team.parentId()).isEqualTo(5L);
    }

    @Test
    void aVersion1UpdateWrittenBeforeTheTypedAfterStateIsStillFolded() {
        TeamUpdatedV1 moved = new TeamUpdatedV1(2, List.of(new FieldChange("parent_id", "1", "5")), 42L, T1);
        Team team = spec.given(EAST, moved).state();
        assertThat(team.name()).isEqualTo("East");
        assertThat(team.parentId()).isEqualTo(5L);

        TeamUpdatedV1 root = new TeamUpdatedV1(2, List.of(new FieldChange("name", "East", "Eastern"),
                new FieldChange("parent_id", "5", null)), 42L, T1);
        team = spec.given(EAST, moved, root).state();
        assertThat(team.name()).isEqualTo("Eastern");
        assertThat(team.parentId()).isNull();
    }

    @Test
    void becomingARootClearsTheParent() {
        assertThat(spec.given(EAST).when(reparent(null, false, List.of())).events())
                .containsExactly(new TeamUpdated(2, List.of(new FieldChange("parent_id", "1", null)), "East", null, 42L, T1));
    }

    @Test
    void aTeamCannotBeMovedUnderItselfOrItsDescendants() {
        expectInvalid(reparent(2L, true, List.of(1L)), "parent_id", EAST);
        // Boston (3) is below East: its ancestors are East (2) and US (1).
        expectInvalid(reparent(3L, true, List.of(2L, 1L)), "parent_id", EAST);
        expectInvalid(reparent(9L, false, List.of()), "parent_id", EAST);
    }

    @Test
    void anUpdateThatChangesNothingWritesNothing() {
        spec.given(EAST).when(new UpdateTeam(Patch.of("East"), Patch.of(1L), true, List.of(), 42L, T1)).thenNothing();
    }

    @Test
    void deactivationKeepsTheTeamButRefusesLaterChanges() {
        TeamDeactivated deactivated = new TeamDeactivated(2, 42L, T1);
        spec.given(EAST).when(new DeactivateTeam(42L, T1)).then(deactivated);
        assertThat(spec.given(EAST, deactivated).state().active()).isFalse();
        for (TeamCommand later : List.of(new DeactivateTeam(42L, T1), new UpdateTeam(Patch.of("X"), null, false, List.of(), null, T1))) {
            spec.given(EAST, deactivated).when(later).thenIllegal("inactive");
        }
    }

    @Test
    void commandsOnATeamThatDoesNotExistAreNotFound() {
        spec.when(new DeactivateTeam(null, T1)).thenNotFound();
        spec.when(reparent(null, false, List.of())).thenNotFound();
    }

    private void expectInvalid(TeamCommand command, String field, DomainEvent... given) {
        spec.given(given).when(command).thenInvalid(field);
    }

    @Test
    void everyCommandIsDecided() {
        spec.given(EAST).everyCommandIsDecided(TeamCommand.class);
    }
}
