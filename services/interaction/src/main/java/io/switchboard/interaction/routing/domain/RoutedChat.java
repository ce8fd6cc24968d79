package io.switchboard.interaction.routing.domain;

import io.switchboard.events.interaction.RoutingEvents.ChatRouted;

import java.util.UUID;

/** A ChatRouted of the chat's routing stream with the request it answered (the envelope's causation id). */
public record RoutedChat(UUID requestId, ChatRouted event) {
}
