package io.switchboard.interaction.directory.domain;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.FieldChange;
import io.switchboard.events.interaction.DirectoryEvents.OrganizationUpdated;
import io.switchboard.eventstore.decider.DeciderSpec;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.interaction.directory.domain.OrganizationCommand.UpdateOrganization;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OrganizationDeciderTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.000Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private final OrganizationDecider decider = new OrganizationDecider("acme");
    private final DeciderSpec<OrganizationCommand, Organization, DomainEvent> spec = DeciderSpec.of(decider);

    private static UpdateOrganization update(String name, String timeZone, String language, Instant at) {
        return new UpdateOrganization(name == null ? null : Patch.of(name), timeZone == null ? null : Patch.of(timeZone),
                language == null ? null : Patch.of(language), 7L, at);
    }

    @Test
    void aPartnerThatNeverSetThemHasTheDefaults() {
        assertThat(decider.initialState()).isEqualTo(new Organization("acme", "acme", "UTC", "en", null));
    }

    @Test
    void givenDefaultsWhenNameAndZoneAreSetThenOneEventCarriesTheSettingsAndWhatChanged() {
        spec.when(update(" Acme Corp ", "Europe/Berlin", null, T0)).then(new OrganizationUpdated(
                "Acme Corp", "Europe/Berlin", "en",
                List.of(new FieldChange("name", "acme", "Acme Corp"), new FieldChange("time_zone", "UTC", "Europe/Berlin")),
                7L, T0));
    }

    @Test
    void givenSettingsWhenOnlyTheLanguageChangesThenTheOthersAreKept() {
        OrganizationUpdated set = new OrganizationUpdated("Acme Corp", "Europe/Berlin", "en", List.of(), 7L, T0);
        spec.given(set).when(update(null, null, "de-DE", T1)).then(new OrganizationUpdated(
                "Acme Corp", "Europe/Berlin", "de-DE", List.of(new FieldChange("language", "en", "de-DE")), 7L, T1));
        assertThat(spec.given(set).state())
                .isEqualTo(new Organization("acme", "Acme Corp", "Europe/Berlin", "en", T0));
    }

    @Test
    void anUpdateThatChangesNothingAppendsNothing() {
        OrganizationUpdated set = new OrganizationUpdated("Acme Corp", "Europe/Berlin", "en", List.of(), 7L, T0);
        spec.given(set).when(update("Acme Corp", "Europe/Berlin", "en", T1)).thenNothing();
        spec.when(update(null, null, null, T1)).thenNothing();
        spec.when(update("acme", "UTC", "en", T1)).thenNothing();
    }

    @Test
    void invalidSettingsNameTheirField() {
        for (UpdateOrganization bad : List.of(update(" ", null, null, T0), update("x".repeat(101), null, null, T0),
                update(null, "Mars/Olympus", null, T0), update(null, "", null, T0), update(null, "x".repeat(65), null, T0),
                update(null, null, "english!", T0), update(null, null, "", T0))) {
            String field = bad.name() != null ? "name" : bad.timeZone() != null ? "time_zone" : "language";
            spec.when(bad).thenInvalid(field);
        }
        spec.when(new UpdateOrganization(Patch.of(null), null, null, 7L, T0)).thenRejected(InvalidCommandException.class);
    }

    @Test
    void everyCommandIsDecided() {
        spec.given().everyCommandIsDecided(OrganizationCommand.class);
    }
}
