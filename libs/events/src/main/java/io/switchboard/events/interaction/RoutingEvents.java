package io.switchboard.events.interaction;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventType;

import java.time.Instant;

/**
 * The router's decisions for chats (stream type {@code chat_routing}, one stream per chat, topic
 * {@code switchboard.interaction}). The chat service applies them to the chat; calls are routed
 * inside the call aggregate ({@code CallConnecting}).
 */
public final class RoutingEvents {
    public static final String AGGREGATE_TYPE = "chat_routing";

    private RoutingEvents() {
    }

    /**
     * The chat goes to {@code assigneeType} ({@code agent} or {@code virtual_agent}) {@code assigneeId}.
     * {@code trigger} says why: {@code created}, {@code escalated} or {@code released}.
     */
    @EventType(name = "ChatRouted")
    public record ChatRouted(long chatId, String assigneeType, long assigneeId, String assigneeName, Long menuId,
                             Long teamId, String trigger, Long escalationId, Instant routedAt) implements DomainEvent {
    }
}
