package io.switchboard.redaction.detection;

import java.util.List;

/**
 * The result of redacting one text: the redacted text and the redacted entities, by offsets into the
 * <em>original</em> text, in order. {@link #toString()} prints neither text (a type the policy does not
 * redact is still in {@code text}).
 */
public record Redaction(String text, List<EntitySpan> entities) {
    public Redaction {
        entities = List.copyOf(entities);
    }

    @Override
    public String toString() {
        return "Redaction[" + entities.size() + " entities, " + text.length() + " characters]";
    }
}
