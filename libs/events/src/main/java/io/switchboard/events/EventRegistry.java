package io.switchboard.events;

import io.switchboard.events.chat.ChatEvents;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.events.interaction.CallEvents;
import io.switchboard.events.interaction.InteractionEvents;
import io.switchboard.events.interaction.RoutingEvents;
import io.switchboard.events.media.MediaEvents;
import io.switchboard.events.redaction.RedactionEvents;
import io.switchboard.events.system.SystemEvents;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Maps (type, version) to payload class and back. Immutable; safe to share. */
public final class EventRegistry {

    private static final EventRegistry STANDARD = of(Stream.of(
                    ChatEvents.class, MediaEvents.class, CallEvents.class, DirectoryEvents.class, RoutingEvents.class,
                    InteractionEvents.class, RedactionEvents.class, SystemEvents.class)
            .flatMap(family -> Arrays.stream(family.getDeclaredClasses()))
            .filter(DomainEvent.class::isAssignableFrom)
            .map(EventRegistry::asEventClass)
            .toList());

    private final Map<EventTypeId, Class<? extends DomainEvent>> byId;
    private final Map<Class<? extends DomainEvent>, EventTypeId> byClass;

    private EventRegistry(Map<EventTypeId, Class<? extends DomainEvent>> byId,
                          Map<Class<? extends DomainEvent>, EventTypeId> byClass) {
        this.byId = Collections.unmodifiableMap(byId);
        this.byClass = Collections.unmodifiableMap(byClass);
    }

    /** Every event type of Switchboard: the payloads nested in the {@code *Events} holder classes. */
    public static EventRegistry standard() {
        return STANDARD;
    }

    public static EventRegistry of(Collection<Class<? extends DomainEvent>> types) {
        Map<EventTypeId, Class<? extends DomainEvent>> byId = new LinkedHashMap<>();
        Map<Class<? extends DomainEvent>, EventTypeId> byClass = new LinkedHashMap<>();
        for (Class<? extends DomainEvent> type : types) {
            EventType annotation = type.getAnnotation(EventType.class);
            if (annotation == null) {
                throw new IllegalArgumentException(type.getName() + " has no @EventType");
            }
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type.getName() + " must be a record");
            }
            EventTypeId id = new EventTypeId(annotation.name(), annotation.version());
            Class<? extends DomainEvent> clash = byId.putIfAbsent(id, type);
            if (clash != null) {
                throw new IllegalArgumentException(id + " is claimed by both " + clash.getName() + " and " + type.getName());
            }
            byClass.put(type, id);
        }
        return new EventRegistry(byId, byClass);
    }

    public Optional<Class<? extends DomainEvent>> classOf(EventTypeId id) {
        return Optional.ofNullable(byId.get(id));
    }

    public EventTypeId idOf(Class<? extends DomainEvent> type) {
        EventTypeId id = byClass.get(type);
        if (id == null) {
            throw new IllegalArgumentException(type.getName() + " is not a registered event type");
        }
        return id;
    }

    public EventTypeId idOf(DomainEvent event) {
        return idOf(event.getClass());
    }

    public List<Class<? extends DomainEvent>> types() {
        return List.copyOf(byClass.keySet());
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends DomainEvent> asEventClass(Class<?> type) {
        return (Class<? extends DomainEvent>) type;
    }
}
