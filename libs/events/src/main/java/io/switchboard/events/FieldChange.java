package io.switchboard.events;

import java.util.Objects;

/**
 * One changed field of an entity, with its former and new value as text (null = unset). Reporting's
 * "changed details" are built from these, so every update event carries them.
 */
public record FieldChange(String field, String former, String current) {
    public FieldChange {
        Objects.requireNonNull(field, "field");
    }
}
