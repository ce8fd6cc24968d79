package io.switchboard.interaction.history.domain;

import io.switchboard.eventstore.decider.RetriesOnConflict;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a visual-IVR client can do with an interaction. Times and ids come from the caller so the
 * decider stays pure. Everything but the start is decided again on fresh state after a lost race:
 * each check depends only on the state it is decided against.
 */
public sealed interface InteractionCommand permits InteractionCommand.Start, InteractionCommand.ShowScreen,
        InteractionCommand.Answer, InteractionCommand.SetVariables, InteractionCommand.End {

    /** {@code uniqueId} is allocated by the caller; {@code callerAttributes} are keyed as in the API. */
    record Start(String interactionId, String accountId, String uniqueId, String dialledNumber,
                 Map<String, String> callerAttributes, Instant now) implements InteractionCommand {
    }

    /** A screen shown to the user, with its elements (each {@code id}, {@code label}, {@code presentation}). */
    record ShowScreen(String screenId, String screenTitle, String header, List<Element> elements, Instant now)
            implements InteractionCommand, RetriesOnConflict {
    }

    record Element(String id, String label, String presentation) {
    }

    /**
     * A choice selected, an input given or a photo uploaded on an element of the current screen;
     * {@code photoId} only for photos (whose {@code value} is the image path).
     */
    record Answer(StepType type, String screenId, String elementId, String value, String photoId, Instant now)
            implements InteractionCommand, RetriesOnConflict {
    }

    /**
     * Sets variables of a named set, by group (e.g. {@code voice}) → name → value; later values of a
     * variable replace earlier ones.
     */
    record SetVariables(String setName, Map<String, Map<String, String>> groups, Instant now)
            implements InteractionCommand, RetriesOnConflict {
    }

    record End(String reason, Instant now) implements InteractionCommand, RetriesOnConflict {
    }
}
