package io.switchboard.interaction.history.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/**
 * Request bodies of the visual-IVR client endpoints (snake_case JSON). Every field has a size limit
 * (docs/history.md lists them); a value beyond it is a 400 naming the field.
 */
public final class InteractionRequests {
    static final int KEY = 255;
    static final int NAME = 200;
    static final int VALUE = 2_000;
    static final int ENTRIES = 100;

    private InteractionRequests() {
    }

    /**
     * {@code unique_id} is optional: the client's own id (the Interaction History API lets either side generate it,
     * docs/api/interaction-history.md#interaction-unique-id);
     * without it the server allocates one.
     */
    public record StartInteraction(@NotBlank @Size(max = 32) String dialledNumber, @Size(max = 32) String uniqueId,
                                   @Size(max = ENTRIES) Map<@Size(max = KEY) String, @Size(max = VALUE) String> callerAttributes) {
    }

    /**
     * {@code step_type} {@code screen} carries {@code screen_title}, {@code header} and {@code elements};
     * {@code choice} and {@code input} name the {@code element_id} of the current screen and the
     * {@code value}. Photos are uploaded as bytes to {@code .../photos}.
     */
    public record RecordStep(@NotBlank @Size(max = 32) String stepType, @NotBlank @Size(max = KEY) String screenId,
                             @Size(max = NAME) String screenTitle, @Size(max = VALUE) String header,
                             @Size(max = ENTRIES) List<@Valid Element> elements, @Size(max = KEY) String elementId,
                             @Size(max = VALUE) String value) {
    }

    public record Element(@Size(max = KEY) String id, @Size(max = VALUE) String label, @Size(max = 64) String presentation) {
    }

    /** The variables of one group, as Get User Variable Set returns them: {@code {"voice": {"data": {...}}}}. */
    public record VariableGroup(@Size(max = ENTRIES) Map<@Size(max = KEY) String, @Size(max = VALUE) String> data) {
    }

    /** {@code reason} is optional, at most 256 characters. */
    public record EndInteraction(@Size(max = 256) String reason) {
    }
}
