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
    private static final String AVATAR = "https://cdn.example.com/bots/helper.png";
    private static final VirtualAgentCreated BOT = new VirtualAgentCreated(8, "Helper", null, T0);
    private final DeciderSpec<VirtualAgentCommand, VirtualAgent, DomainEvent> spec = DeciderSpec.of(new VirtualAgentDecider());

    @Test
    void createRenameDeactivate() {
        spec.when(new CreateVirtualAgent(8, "Helper", null, T0)).then(BOT);
        var rename = spec.given(BOT).when(new UpdateVirtualAgent(Patch.of("Helpbot"), null, 42L, T1));
        List<DomainEvent> renamed = rename.events();
        assertThat(renamed).containsExactly(new VirtualAgentUpdated(8, List.of(new FieldChange("name", "Helper", "Helpbot")),
                "Helpbot", null, 42L, T1));
        assertThat(rename.thenState().name()).isEqualTo("Helpbot");
        assertThat(spec.given(BOT, new VirtualAgentUpdatedV1(8, List.of(new FieldChange("name", "Helper", "Helpbot")), 42L, T1))
                .state().name()).as("version 1").isEqualTo("Helpbot");
        spec.given(BOT).when(new UpdateVirtualAgent(Patch.of("Helper"), null, 42L, T1)).thenNothing();
        spec.given(BOT).when(new DeactivateVirtualAgent(42L, T1)).then(new VirtualAgentDeactivated(8, 42L, T1));
    }

    @Test
    void theAvatarIsSetAtCreationChangedAndCleared() {
        VirtualAgentCreated withAvatar = new VirtualAgentCreated(8, "Helper", AVATAR, T0);
        spec.when(new CreateVirtualAgent(8, "Helper", AVATAR, T0)).then(withAvatar);

        String other = "https://cdn.example.com/bots/helper-2.png";
        var changed = spec.given(withAvatar).when(new UpdateVirtualAgent(null, Patch.of(other), 42L, T1));
        changed.then(new VirtualAgentUpdated(8, List.of(new FieldChange("avatar_url", AVATAR, other)), "Helper", other, 42L, T1));
        assertThat(changed.thenState().avatarUrl()).isEqualTo(other);

        var cleared = spec.given(withAvatar).when(new UpdateVirtualAgent(null, Patch.of(null), 42L, T1));
        cleared.then(new VirtualAgentUpdated(8, List.of(new FieldChange("avatar_url", AVATAR, null)), "Helper", null, 42L, T1));
        assertThat(cleared.thenState().avatarUrl()).isNull();

        // A rename keeps the avatar in the after-state; the same avatar again changes nothing.
        spec.given(withAvatar).when(new UpdateVirtualAgent(Patch.of("Helpbot"), null, 42L, T1))
                .then(new VirtualAgentUpdated(8, List.of(new FieldChange("name", "Helper", "Helpbot")), "Helpbot", AVATAR, 42L, T1));
        spec.given(withAvatar).when(new UpdateVirtualAgent(null, Patch.of(AVATAR), 42L, T1)).thenNothing();
        // A version 1 update (written before avatars) keeps the avatar the agent has.
        assertThat(spec.given(withAvatar, new VirtualAgentUpdatedV1(8, List.of(new FieldChange("name", "Helper", "Helpbot")),
                42L, T1)).state().avatarUrl()).isEqualTo(AVATAR);
        // Deactivation keeps it too.
        assertThat(spec.given(withAvatar, new VirtualAgentDeactivated(8, null, T1)).state().avatarUrl()).isEqualTo(AVATAR);
    }

    @Test
    void anAvatarThatIsNotAnHttpUrlIsRejected() {
        spec.when(new CreateVirtualAgent(8, "Helper", "ftp://cdn.example.com/a.png", T0)).thenInvalid("avatar_url");
        spec.when(new CreateVirtualAgent(8, "Helper", "not a url", T0)).thenInvalid("avatar_url");
        spec.given(BOT).when(new UpdateVirtualAgent(null, Patch.of("javascript:alert(1)"), 42L, T1)).thenInvalid("avatar_url");
    }

    @Test
    void illegalStepsAreRejected() {
        spec.when(new CreateVirtualAgent(8, " ", null, T0)).thenInvalid("name");
        spec.given(BOT).when(new UpdateVirtualAgent(Patch.of(null), null, 42L, T1)).thenRejected(InvalidCommandException.class);
        spec.given(BOT).when(new CreateVirtualAgent(8, "Helper", null, T0)).thenRejected(IllegalTransitionException.class);
        spec.when(new UpdateVirtualAgent(Patch.of("X"), null, null, T1)).thenNotFound();
        VirtualAgentDeactivated deactivated = new VirtualAgentDeactivated(8, null, T1);
        spec.given(BOT, deactivated).when(new UpdateVirtualAgent(Patch.of("X"), null, null, T1))
                .thenRejected(IllegalTransitionException.class);
        spec.given(BOT, deactivated).when(new DeactivateVirtualAgent(null, T1))
                .thenRejected(IllegalTransitionException.class);
    }

    @Test
    void everyCommandIsDecided() {
        spec.given(BOT).everyCommandIsDecided(VirtualAgentCommand.class);
    }
}
