package io.switchboard.interaction.directory.domain;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.FieldChange;
import io.switchboard.events.interaction.DirectoryEvents.TeamCreated;
import io.switchboard.events.interaction.DirectoryEvents.TeamDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.TeamUpdated;
import io.switchboard.events.interaction.DirectoryEvents.TeamUpdatedV1;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.interaction.directory.domain.TeamCommand.CreateTeam;
import io.switchboard.interaction.directory.domain.TeamCommand.DeactivateTeam;
import io.switchboard.interaction.directory.domain.TeamCommand.UpdateTeam;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TeamDeciderTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.000Z");
    private static final Instant T1 = T0.plusSeconds(60);
    /** "US" (1) → "East" (2) → "Boston" (3); this stream is East's. */
    private static final TeamCreated EAST = new TeamCreated(2, "East", 1L, T0);
    private final TeamDecider decider = new TeamDecider();

    private List<DomainEvent> when(TeamCommand command, DomainEvent... given) {
        return decider.decide(command, decider.evolveAll(decider.initialState(), List.of(given)));
    }

    private static UpdateTeam reparent(Long parent, boolean known, List<Long> ancestors) {
        return new UpdateTeam(null, Patch.of(parent), known, ancestors, 42L, T1);
    }

    @Test
    void aTeamIsCreatedUnderAKnownParentOrAsARoot() {
        assertThat(when(new CreateTeam(2, "East", 1L, true, T0))).containsExactly(EAST);
        assertThat(when(new CreateTeam(1, "US", null, false, T0))).containsExactly(new TeamCreated(1, "US", null, T0));
    }

    @Test
    void invalidCreatesAreRejectedByName() {
        expectInvalid(new CreateTeam(2, null, null, false, T0), "name");
        expectInvalid(new CreateTeam(2, "East", 9L, false, T0), "parent_id");
        expectInvalid(new CreateTeam(2, "East", -1L, true, T0), "parent_id");
        assertThatThrownBy(() -> when(new CreateTeam(2, "East", 1L, true, T0), EAST))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void renamingAndMovingRecordTheirChanges() {
        List<DomainEvent> events = when(new UpdateTeam(Patch.of("East Coast"), Patch.of(5L), true, List.of(), 42L, T1), EAST);

        assertThat(events).containsExactly(new TeamUpdated(2, List.of(new FieldChange("name", "East", "East Coast"),
                new FieldChange("parent_id", "1", "5")), "East Coast", 5L, 42L, T1));
        Team team = decider.evolveAll(decider.evolveAll(decider.initialState(), List.of(EAST)), events);
        assertThat(team.name()).isEqualTo("East Coast");
        assertThat(team.parentId()).isEqualTo(5L);
    }

    @Test
    void aVersion1UpdateWrittenBeforeTheTypedAfterStateIsStillFolded() {
        TeamUpdatedV1 moved = new TeamUpdatedV1(2, List.of(new FieldChange("parent_id", "1", "5")), 42L, T1);
        Team team = decider.evolveAll(decider.initialState(), List.of(EAST, moved));
        assertThat(team.name()).isEqualTo("East");
        assertThat(team.parentId()).isEqualTo(5L);

        TeamUpdatedV1 root = new TeamUpdatedV1(2, List.of(new FieldChange("name", "East", "Eastern"),
                new FieldChange("parent_id", "5", null)), 42L, T1);
        team = decider.evolveAll(decider.initialState(), List.of(EAST, moved, root));
        assertThat(team.name()).isEqualTo("Eastern");
        assertThat(team.parentId()).isNull();
    }

    @Test
    void becomingARootClearsTheParent() {
        assertThat(when(reparent(null, false, List.of()), EAST))
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
        assertThat(when(new UpdateTeam(Patch.of("East"), Patch.of(1L), true, List.of(), 42L, T1), EAST)).isEmpty();
    }

    @Test
    void deactivationKeepsTheTeamButRefusesLaterChanges() {
        TeamDeactivated deactivated = new TeamDeactivated(2, 42L, T1);
        assertThat(when(new DeactivateTeam(42L, T1), EAST)).containsExactly(deactivated);
        assertThat(decider.evolveAll(decider.initialState(), List.of(EAST, deactivated)).active()).isFalse();
        for (TeamCommand later : List.of(new DeactivateTeam(42L, T1), new UpdateTeam(Patch.of("X"), null, false, List.of(), null, T1))) {
            assertThatThrownBy(() -> when(later, EAST, deactivated))
                    .isInstanceOf(IllegalTransitionException.class)
                    .satisfies(e -> assertThat(((IllegalTransitionException) e).currentStatus()).isEqualTo("inactive"));
        }
    }

    @Test
    void commandsOnATeamThatDoesNotExistAreNotFound() {
        assertThatThrownBy(() -> when(new DeactivateTeam(null, T1))).isInstanceOf(AggregateNotFoundException.class);
        assertThatThrownBy(() -> when(reparent(null, false, List.of()))).isInstanceOf(AggregateNotFoundException.class);
    }

    private void expectInvalid(TeamCommand command, String field, DomainEvent... given) {
        assertThatThrownBy(() -> when(command, given))
                .isInstanceOf(InvalidCommandException.class)
                .satisfies(e -> assertThat(((InvalidCommandException) e).field()).isEqualTo(field));
    }
}
