package io.switchboard.interaction.routing.domain;

import io.switchboard.events.interaction.RoutingEvents.ChatRouted;

import java.util.Objects;
import java.util.UUID;

/** Record a routing decision for a chat; {@code requestId} is the event that asked for it. */
public record RouteChat(UUID requestId, ChatRouted decision) {
    public RouteChat {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(decision, "decision");
    }
}
