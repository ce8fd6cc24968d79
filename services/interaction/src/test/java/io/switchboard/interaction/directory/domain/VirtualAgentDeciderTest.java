package io.switchboard.interaction.directory.domain;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.FieldChange;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentUpdated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentUpdatedV1;
import io.switchboard.eventstore.decider.DeciderSpec;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.interaction.directory.domain.VirtualAgentCommand.CreateVirtualAgent;
import io.switchboard.interaction.directory.domain.VirtualAgentCommand.DeactivateVirtualAgent;
import io.switchboard.interaction.directory.domain.VirtualAgentCommand.UpdateVirtualAgent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VirtualAgentDeciderTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.000Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final VirtualAgentCreated BOT = new VirtualAgentCreated(8, "Helper", T0);
    private final DeciderSpec<VirtualAgentCommand, VirtualAgent, DomainEvent> spec = DeciderSpec.of(new VirtualAgentDecider());

    @Test
    void createRenameDeactivate() {
        spec.when(new CreateVirtualAgent(8, "Helper", T0)).then(BOT);
        var rename = spec.given(BOT).when(new UpdateVirtualAgent(Patch.of("Helpbot"), 42L, T1));
        List<DomainEvent> renamed = rename.events();
        assertThat(renamed).containsExactly(new VirtualAgentUpdated(8, List.of(new FieldChange("name", "Helper", "Helpbot")),
                "Helpbot", 42L, T1));
        assertThat(rename.thenState().name()).isEqualTo("Helpbot");
        assertThat(spec.given(BOT, new VirtualAgentUpdatedV1(8, List.of(new FieldChange("name", "Helper", "Helpbot")), 42L, T1))
                .state().name()).as("version 1").isEqualTo("Helpbot");
        spec.given(BOT).when(new UpdateVirtualAgent(Patch.of("Helper"), 42L, T1)).thenNothing();
        spec.given(BOT).when(new DeactivateVirtualAgent(42L, T1)).then(new VirtualAgentDeactivated(8, 42L, T1));
    }

    @Test
    void illegalStepsAreRejected() {
        spec.when(new CreateVirtualAgent(8, " ", T0)).thenInvalid("name");
        spec.given(BOT).when(new UpdateVirtualAgent(Patch.of(null), 42L, T1)).thenRejected(InvalidCommandException.class);
        spec.given(BOT).when(new CreateVirtualAgent(8, "Helper", T0)).thenRejected(IllegalTransitionException.class);
        spec.when(new UpdateVirtualAgent(Patch.of("X"), null, T1)).thenNotFound();
        VirtualAgentDeactivated deactivated = new VirtualAgentDeactivated(8, null, T1);
        spec.given(BOT, deactivated).when(new UpdateVirtualAgent(Patch.of("X"), null, T1))
                .thenRejected(IllegalTransitionException.class);
        spec.given(BOT, deactivated).when(new DeactivateVirtualAgent(null, T1))
                .thenRejected(IllegalTransitionException.class);
    }

    @Test
    void everyCommandIsDecided() {
        spec.given(BOT).everyCommandIsDecided(VirtualAgentCommand.class);
    }
}
