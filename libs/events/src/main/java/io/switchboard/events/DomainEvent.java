package io.switchboard.events;

/**
 * Marker for an event payload (the envelope's {@code data}). Implementations are records annotated
 * with {@link EventType} and listed in {@link EventRegistry#standard()}.
 */
public interface DomainEvent {
}
