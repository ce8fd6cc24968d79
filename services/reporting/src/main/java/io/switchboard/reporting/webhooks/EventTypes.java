package io.switchboard.reporting.webhooks;

import io.switchboard.events.EventRegistry;
import io.switchboard.events.system.SystemEvents;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The event types a subscription may name: every partner event type of libs/events (each version shares its
 * name, so a subscription to {@code AgentUpdated} receives v1 and v2), or {@code *} for all. The system's own
 * events (heartbeats) belong to no partner and are never delivered.
 */
public final class EventTypes {
    public static final String ALL = "*";
    private static final Set<String> KNOWN = compute();

    private EventTypes() {
    }

    /** The known names, sorted. */
    public static Set<String> known() {
        return KNOWN;
    }

    private static Set<String> compute() {
        Set<String> names = new TreeSet<>();
        EventRegistry registry = EventRegistry.standard();
        registry.types().stream()
                .filter(type -> type.getEnclosingClass() != SystemEvents.class)
                .forEach(type -> names.add(registry.idOf(type).type()));
        return Collections.unmodifiableSet(names);
    }

    public static boolean isKnown(String type) {
        return ALL.equals(type) || KNOWN.contains(type);
    }
}
