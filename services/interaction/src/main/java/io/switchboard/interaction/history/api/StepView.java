package io.switchboard.interaction.history.api;

import io.switchboard.events.WireTime;
import io.switchboard.events.interaction.InteractionEvents.InteractionStepRecorded;

/** A recorded step; for a photo step {@code value} is the image path to fetch it by. */
public record StepView(String interactionUniqueId, int stepNumber, String stepType, String screenId,
                       String elementId, String value, String recordedAt) {

    static StepView of(String uniqueId, InteractionStepRecorded step) {
        return new StepView(uniqueId, step.stepNumber(), step.stepType(), step.screenId(), step.elementId(),
                step.value(), WireTime.format(step.recordedAt()));
    }
}
