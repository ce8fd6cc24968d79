package io.switchboard.events.interaction;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventType;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Events of visual-IVR interactions of the Interaction History API (docs/api/interaction-history.md;
 * stream type {@code interaction}). */
public final class InteractionEvents {
    public static final String AGGREGATE_TYPE = "interaction";

    private InteractionEvents() {
    }

    /** {@code numberToDial} is the dialled number with the unique id appended after a comma. */
    @EventType(name = "InteractionStarted")
    public record InteractionStarted(String interactionId, String accountId, String uniqueId, String dialledNumber,
                                     String numberToDial, Map<String, String> callerAttributes,
                                     Instant startedAt) implements DomainEvent {
    }

    /**
     * {@code stepType} is {@code screen}, {@code choice}, {@code input} or {@code photo}. A screen step
     * carries the page shown ({@code header} HTML, its {@code elements}); the others name the answered
     * {@code elementId} and carry the {@code value} (selection, text, or the photo's image path).
     */
    @EventType(name = "InteractionStepRecorded")
    public record InteractionStepRecorded(String interactionId, int stepNumber, String stepType, String screenId,
                                          String screenTitle, String value, String photoId,
                                          Instant recordedAt, String elementId, String header,
                                          List<ScreenElement> elements) implements DomainEvent {
    }

    /**
     * One element of a shown screen; {@code presentation} is the page model's element kind
     * ({@code clickToContinue}, {@code choiceOption}, {@code choiceSwitch}, {@code selectFromList},
     * {@code textInput}, {@code uploadImageList}).
     */
    public record ScreenElement(String id, String label, String presentation) {
    }

    /** {@code group} is the key the set's variables are listed under (e.g. {@code voice}). */
    @EventType(name = "UserVariablesSet")
    public record UserVariablesSet(String interactionId, String setName, Map<String, String> variables,
                                   Instant setAt, String group) implements DomainEvent {
    }

    @EventType(name = "InteractionEnded")
    public record InteractionEnded(String interactionId, String reason, Instant endedAt) implements DomainEvent {
    }
}
