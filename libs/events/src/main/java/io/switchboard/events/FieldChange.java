package io.switchboard.events;

import java.util.Objects;

/**
 * One changed field of an entity, with its former and new value as display text (null = unset; a list
 * as {@code [a,b]}). Reporting's "changed details" are built from these, so every update event carries
 * them; the state itself travels in the event's typed fields, and nothing parses this text back.
 */
public record FieldChange(String field, String former, String current) {
    public FieldChange {
        Objects.requireNonNull(field, "field");
    }
}
