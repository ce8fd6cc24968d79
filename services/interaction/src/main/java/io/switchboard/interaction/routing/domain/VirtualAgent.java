package io.switchboard.interaction.routing.domain;

/** A bot; unlike a person it takes any number of chats at once. */
public record VirtualAgent(long virtualAgentId, String name, boolean active) {
}
