package io.switchboard.interaction.history.api;

import io.switchboard.events.WireTime;
import io.switchboard.interaction.history.domain.Interaction;

import java.util.Map;

/** An interaction as the visual-IVR client sees it; {@code number_to_dial} is what the device dials. */
public record InteractionView(String interactionUniqueId, String accountId, String status, String dialledNumber,
                              String numberToDial, Map<String, String> callerAttributes, String startedAt,
                              String endedAt, String endReason, int steps) {

    static InteractionView of(Interaction interaction) {
        return new InteractionView(interaction.uniqueId(), interaction.accountId(), interaction.status().value(),
                interaction.dialledNumber(), interaction.numberToDial(), interaction.callerAttributes(),
                WireTime.format(interaction.startedAt()), WireTime.format(interaction.endedAt()), interaction.endReason(),
                interaction.steps().size());
    }
}
