package io.switchboard.interaction.history.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/** Request bodies of the visual-IVR client endpoints (snake_case JSON). */
public final class InteractionRequests {
    private InteractionRequests() {
    }

    /**
     * {@code unique_id} is optional: the client's own id (seed 003 allows either side to generate it);
     * without it the server allocates one.
     */
    public record StartInteraction(@NotBlank @Size(max = 32) String dialledNumber, String uniqueId,
                                   Map<String, String> callerAttributes) {
    }

    /**
     * {@code step_type} {@code screen} carries {@code screen_title}, {@code header} and {@code elements};
     * {@code choice} and {@code input} name the {@code element_id} of the current screen and the
     * {@code value}. Photos are uploaded as bytes to {@code .../photos}.
     */
    public record RecordStep(@NotBlank String stepType, @NotBlank String screenId, String screenTitle, String header,
                             List<Element> elements, String elementId, String value) {
    }

    public record Element(String id, String label, String presentation) {
    }

    /** The variables of one group, as Get User Variable Set returns them: {@code {"voice": {"data": {...}}}}. */
    public record VariableGroup(Map<String, String> data) {
    }

    /** {@code reason} is optional, at most 256 characters (checked by the decider). */
    public record EndInteraction(String reason) {
    }
}
