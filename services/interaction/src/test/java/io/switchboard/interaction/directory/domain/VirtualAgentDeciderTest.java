package io.switchboard.interaction.directory.domain;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.FieldChange;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentUpdated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentUpdatedV1;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.interaction.directory.domain.VirtualAgentCommand.CreateVirtualAgent;
import io.switchboard.interaction.directory.domain.VirtualAgentCommand.DeactivateVirtualAgent;
import io.switchboard.interaction.directory.domain.VirtualAgentCommand.UpdateVirtualAgent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VirtualAgentDeciderTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.000Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final VirtualAgentCreated BOT = new VirtualAgentCreated(8, "Helper", T0);
    private final VirtualAgentDecider decider = new VirtualAgentDecider();

    private List<DomainEvent> when(VirtualAgentCommand command, DomainEvent... given) {
        return decider.decide(command, decider.evolveAll(decider.initialState(), List.of(given)));
    }

    @Test
    void createRenameDeactivate() {
        assertThat(when(new CreateVirtualAgent(8, "Helper", T0))).containsExactly(BOT);
        List<DomainEvent> renamed = when(new UpdateVirtualAgent(Patch.of("Helpbot"), 42L, T1), BOT);
        assertThat(renamed).containsExactly(new VirtualAgentUpdated(8, List.of(new FieldChange("name", "Helper", "Helpbot")),
                "Helpbot", 42L, T1));
        assertThat(decider.evolveAll(decider.initialState(), List.of(BOT, new VirtualAgentUpdatedV1(8,
                List.of(new FieldChange("name", "Helper", "Helpbot")), 42L, T1))).name()).as("version 1").isEqualTo("Helpbot");
        assertThat(decider.evolveAll(decider.evolve(decider.initialState(), BOT), renamed).name()).isEqualTo("Helpbot");
        assertThat(when(new UpdateVirtualAgent(Patch.of("Helper"), 42L, T1), BOT)).isEmpty();
        assertThat(when(new DeactivateVirtualAgent(42L, T1), BOT)).containsExactly(new VirtualAgentDeactivated(8, 42L, T1));
    }

    @Test
    void illegalStepsAreRejected() {
        assertThatThrownBy(() -> when(new CreateVirtualAgent(8, " ", T0)))
                .isInstanceOf(InvalidCommandException.class)
                .satisfies(e -> assertThat(((InvalidCommandException) e).field()).isEqualTo("name"));
        assertThatThrownBy(() -> when(new UpdateVirtualAgent(Patch.of(null), 42L, T1), BOT))
                .isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> when(new CreateVirtualAgent(8, "Helper", T0), BOT)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> when(new UpdateVirtualAgent(Patch.of("X"), null, T1))).isInstanceOf(AggregateNotFoundException.class);
        VirtualAgentDeactivated deactivated = new VirtualAgentDeactivated(8, null, T1);
        assertThatThrownBy(() -> when(new UpdateVirtualAgent(Patch.of("X"), null, T1), BOT, deactivated))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> when(new DeactivateVirtualAgent(null, T1), BOT, deactivated))
                .isInstanceOf(IllegalTransitionException.class);
    }
}
