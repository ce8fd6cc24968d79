package io.switchboard.events.chat;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventType;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Events of the chat aggregate (stream type {@code chat}, topic {@code switchboard.chat}). */
public final class ChatEvents {
    public static final String AGGREGATE_TYPE = "chat";

    private ChatEvents() {
    }

    /** The end user as the chat knows them; every field but the id may be unknown. */
    public record EndUser(Long id, String identifier, String name, String email, String phone) {
    }

    /** The three reserved customer flags of the Apps API. */
    public record CustomerFlags(boolean verifiedCustomer, boolean badActor, boolean repeatCustomer) {
    }

    /** A message of the transcript handed over at creation (e.g. from a web form). */
    public record TranscriptEntry(String senderType, String text, Instant sentAt) {
    }

    @EventType(name = "ChatCreated")
    public record ChatCreated(long chatId, String status, Long menuId, String lang, EndUser endUser,
                              String email, Map<String, Object> context, List<TranscriptEntry> transcript,
                              List<String> features, Instant createdAt, Instant timeoutAt) implements DomainEvent {
    }

    /**
     * A message in a chat. {@code segment} increases each time the chat changes hands, so the
     * redaction service can derive session id {@code chatId.segment}. {@code idempotencyKey} is the
     * client's {@code Idempotency-Key}, if it sent one: a retry with the same key writes nothing.
     */
    @EventType(name = "MessageSent")
    public record MessageSent(long chatId, long messageId, int segment, String senderType, String senderId,
                              String senderName, String messageType, String text, Map<String, Object> content,
                              Instant sentAt, String idempotencyKey) implements DomainEvent {
    }

    @EventType(name = "EscalationRequested")
    public record EscalationRequested(long chatId, long escalationId, String reason, boolean forceEscalate,
                                      String status, Instant requestedAt) implements DomainEvent {
    }

    @EventType(name = "EscalationUpdated")
    public record EscalationUpdated(long chatId, long escalationId, String deflectionChannel, String status,
                                    Instant updatedAt) implements DomainEvent {
    }

    /**
     * The chat changed hands; {@code assigneeType} is {@code agent} or {@code virtual_agent},
     * {@code assignedBy} is {@code router}. {@code routingVersion} is the version of the router's
     * decision ({@code ChatRouted}) in its {@code chat_routing} stream.
     */
    @EventType(name = "ChatAssigned")
    public record ChatAssigned(long chatId, String assigneeType, long assigneeId, String assigneeName, int segment,
                               String assignedBy, Instant assignedAt, long routingVersion) implements DomainEvent {
        /** Version 1 as first published, before {@code routingVersion} was added (it reads as 0). */
        public ChatAssigned(long chatId, String assigneeType, long assigneeId, String assigneeName, int segment,
                            String assignedBy, Instant assignedAt) {
            this(chatId, assigneeType, assigneeId, assigneeName, segment, assignedBy, assignedAt, 0);
        }
    }

    @EventType(name = "ChatStatusChanged")
    public record ChatStatusChanged(long chatId, String previousStatus, String status, String deflectionChannel,
                                    Long changedByUserId, Instant changedAt) implements DomainEvent {
    }

    @EventType(name = "ChatFinished")
    public record ChatFinished(long chatId, String status, String reason, Long finishedByUserId,
                               Instant endedAt) implements DomainEvent {
    }

    @EventType(name = "CustomerFlagsUpdated")
    public record CustomerFlagsUpdated(long chatId, CustomerFlags former, CustomerFlags current,
                                       String source, Instant updatedAt) implements DomainEvent {
    }

    /** A labelled custom-data field, as the Chat API's custom data carries it. */
    public record CustomDataField(String label, Object value) {
    }

    @EventType(name = "CustomDataAttached")
    public record CustomDataAttached(long chatId, boolean signed, Map<String, CustomDataField> data,
                                     Instant attachedAt) implements DomainEvent {
    }

    @EventType(name = "EndUserUpdated")
    public record EndUserUpdated(long chatId, String identifier, String name, String email, String phone,
                                 Instant updatedAt) implements DomainEvent {
    }

    @EventType(name = "ChatClaimed")
    public record ChatClaimed(long chatId, long agentId, Instant claimedAt) implements DomainEvent {
    }

    @EventType(name = "ChatReleased")
    public record ChatReleased(long chatId, long agentId, Instant releasedAt) implements DomainEvent {
    }

    @EventType(name = "ChatMarked")
    public record ChatMarked(long chatId, long markedByUserId, String mark, String note,
                             Instant markedAt) implements DomainEvent {
    }
}
