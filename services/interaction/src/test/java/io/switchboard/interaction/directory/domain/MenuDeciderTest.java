package io.switchboard.interaction.directory.domain;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.FieldChange;
import io.switchboard.events.interaction.DirectoryEvents.MenuCreated;
import io.switchboard.events.interaction.DirectoryEvents.MenuDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.MenuUpdated;
import io.switchboard.events.interaction.DirectoryEvents.MenuUpdatedV1;
import io.switchboard.eventstore.decider.DeciderSpec;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.interaction.directory.domain.MenuCommand.CreateMenu;
import io.switchboard.interaction.directory.domain.MenuCommand.DeactivateMenu;
import io.switchboard.interaction.directory.domain.MenuCommand.References;
import io.switchboard.interaction.directory.domain.MenuCommand.UpdateMenu;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MenuDeciderTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.000Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final References ALL = new References(Set.of(1L, 2L), true, List.of(), true);
    private static final MenuCreated SUPPORT = new MenuCreated(5, "Support", "voice", "ivr_menu", null, List.of(1L), null, T0);
    private final DeciderSpec<MenuCommand, Menu, DomainEvent> spec = DeciderSpec.of(new MenuDecider());

    private static CreateMenu create(String name, String channel, String type, Long parent, List<Long> teams, Long bot,
                                     References refs) {
        return new CreateMenu(5, name, channel, type, parent, teams, bot, refs, T0);
    }

    private static UpdateMenu update(Patch<String> name, Patch<Long> parent, Patch<List<Long>> teams, Patch<Long> bot,
                                     References refs) {
        return new UpdateMenu(name, null, null, parent, teams, bot, refs, 42L, T1);
    }

    @Test
    void aMenuIsCreatedWithADefaultTypeForItsChannel() {
        spec.when(create("Support", "voice", null, null, List.of(1L), null, ALL)).then(SUPPORT);
        spec.when(create("Web", "chat", null, 3L, null, 8L, ALL)).then(
                new MenuCreated(5, "Web", "chat", "web_menu", 3L, List.of(), 8L, T0));
    }

    @Test
    void invalidCreatesAreRejectedByName() {
        expectInvalid(create(null, "voice", null, null, null, null, ALL), "name");
        expectInvalid(create("M", "fax", null, null, null, null, ALL), "channel");
        expectInvalid(create("M", null, null, null, null, null, ALL), "channel");
        expectInvalid(create("M", "voice", "sms_menu", null, null, null, ALL), "menu_type");
        expectInvalid(create("M", "voice", null, 3L, null, null, References.NONE), "parent_id");
        expectInvalid(create("M", "voice", null, null, List.of(1L, 7L), null, ALL), "team_assignments[1].team.id");
        expectInvalid(create("M", "voice", null, null, null, 8L, References.NONE), "virtual_agent_id");
        spec.given(SUPPORT).when(create("Support", "voice", null, null, null, null, ALL))
                .thenRejected(IllegalTransitionException.class);
    }

    @Test
    void anUpdateCarriesItsChangesAndTheMenuAfterThem() {
        var update = spec.given(SUPPORT).when(update(Patch.of("Help"), null, Patch.of(List.of(1L, 2L)), Patch.of(8L), ALL));

        update.then(new MenuUpdated(5, List.of(new FieldChange("name", "Support", "Help"),
                new FieldChange("teams", "[1]", "[1,2]"), new FieldChange("virtual_agent_id", null, "8")),
                "Help", "voice", "ivr_menu", null, List.of(1L, 2L), 8L, 42L, T1));
        Menu menu = update.thenState();
        assertThat(menu.teamIds()).containsExactly(1L, 2L);
        assertThat(menu.virtualAgentId()).isEqualTo(8L);
    }

    @Test
    void typeAndParentChangesAreCarriedTyped() {
        var update = spec.given(SUPPORT).when(new UpdateMenu(null, Patch.of("chat"), Patch.of("mobile_menu"), Patch.of(3L), null,
                null, ALL, null, T1));

        assertThat(update.events()).singleElement().isInstanceOfSatisfying(MenuUpdated.class, updated -> {
            assertThat(updated.menuType()).isEqualTo("mobile_menu");
            assertThat(updated.parentId()).isEqualTo(3L);
        });
        Menu menu = update.thenState();
        assertThat(menu.channel()).isEqualTo("chat");
        assertThat(menu.menuType()).isEqualTo("mobile_menu");
        assertThat(menu.parentId()).isEqualTo(3L);
    }

    @Test
    void aVersion1UpdateWrittenBeforeTheTypedAfterStateIsStillFolded() {
        MenuUpdatedV1 v1 = new MenuUpdatedV1(5, List.of(new FieldChange("menu_type", "ivr_menu", "mobile_menu"),
                new FieldChange("parent_id", null, "3")), "Support", "chat", List.of(1L), null, 42L, T1);

        Menu menu = spec.given(SUPPORT, v1).state();

        assertThat(menu.channel()).isEqualTo("chat");
        assertThat(menu.menuType()).isEqualTo("mobile_menu");
        assertThat(menu.parentId()).isEqualTo(3L);
        assertThat(menu.updatedAt()).isEqualTo(T1);
    }

    @Test
    void invalidUpdatesAreRejectedByName() {
        expectInvalid(update(Patch.of(" "), null, null, null, ALL), "name", SUPPORT);
        expectInvalid(update(null, Patch.of(5L), null, null, ALL), "parent_id", SUPPORT);
        expectInvalid(update(null, Patch.of(6L), null, null, new References(Set.of(), true, List.of(5L), true)), "parent_id", SUPPORT);
        expectInvalid(update(null, null, Patch.of(List.of(9L)), null, ALL), "team_assignments[0].team.id", SUPPORT);
        expectInvalid(update(null, null, null, Patch.of(9L), References.NONE), "virtual_agent_id", SUPPORT);
    }

    @Test
    void anUpdateThatChangesNothingWritesNothing() {
        spec.given(SUPPORT).when(update(Patch.of("Support"), null, Patch.of(List.of(1L)), Patch.of(null), ALL)).thenNothing();
    }

    @Test
    void deactivationKeepsTheMenuButRefusesLaterChanges() {
        MenuDeactivated deactivated = new MenuDeactivated(5, 42L, T1);
        spec.given(SUPPORT).when(new DeactivateMenu(42L, T1)).then(deactivated);
        for (MenuCommand later : List.of(new DeactivateMenu(42L, T1), update(Patch.of("X"), null, null, null, ALL))) {
            spec.given(SUPPORT, deactivated).when(later).thenIllegal("inactive");
        }
        spec.when(new DeactivateMenu(null, T1)).thenNotFound();
    }

    private void expectInvalid(MenuCommand command, String field, DomainEvent... given) {
        spec.given(given).when(command).thenInvalid(field);
    }

    @Test
    void everyCommandIsDecided() {
        spec.given(SUPPORT).everyCommandIsDecided(MenuCommand.class);
    }
}
