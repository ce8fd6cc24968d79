package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The payload of an event whose (type, version) this build does not know, e.g. one published by a
 * newer producer. Consumers skip it; re-encoding it writes the original JSON unchanged.
 */
public record UnknownEvent(@JsonValue JsonNode raw) implements DomainEvent {
}
