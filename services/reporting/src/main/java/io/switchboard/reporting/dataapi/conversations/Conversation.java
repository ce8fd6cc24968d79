package io.switchboard.reporting.dataapi.conversations;

import io.switchboard.reporting.lifecycle.Lifecycle;
import java.math.BigDecimal;
import java.util.List;

/**
 * A conversation of the Platform Data API: a chat or a call, as the read models hold it. Times are UTC
 * ISO-8601 strings with milliseconds; {@code callMetrics} only for calls (the Manager API's metrics, the same
 * calculator), {@code messageCount} only for chats; {@code lifecycle} where it went ({@link Lifecycle}'s one rule).
 */
public record Conversation(String conversationId, String channel, String partnerId, String status, String language,
                           String createdAt, String queuedAt, String assignedAt, String endedAt, Customer customer,
                           MenuRef menu, Integer messageCount, List<Participant> participants, CallMetrics callMetrics,
                           Lifecycle lifecycle) {

    /**
     * Whether the conversation waits for an agent now: its shown status (the Manager API's rule for calls and for chats,
     * the one {@code GetQueuedConversations} filters on) is {@code queued}.
     */
    public boolean queued() {
        return "queued".equals(status);
    }

    /** A chat's standing claim: the agent that claimed it and when. */
    public record Claim(String agentId, String claimedAt) {
    }

    /** A chat's latest mark: the mark, who set it and when. */
    public record Mark(String mark, String markedByUserId, String markedAt) {
    }

    /** The customer (end user) as the channel knows it; what a channel does not capture is null. */
    public record Customer(String endUserId, String identifier, String email, String phone) {
    }

    public record MenuRef(String menuId, String name) {
    }

    /** One participant session: who, and when it joined and left (null while still in). */
    public record Participant(String participantId, String type, String userId, String name, String phoneNumber,
                              String joinedAt, String leftAt) {
    }

    /** Seed 001's call-segment metrics in seconds (millisecond precision); null where a segment does not apply. */
    public record CallMetrics(BigDecimal billingTime, BigDecimal callTime, BigDecimal ivrTime, BigDecimal queueTime,
                              BigDecimal waitTime, BigDecimal handleTime, BigDecimal ringTime, BigDecimal talkTime,
                              BigDecimal holdTime, BigDecimal conferenceTime, BigDecimal thirdPartyTalkTime) {
    }

    /** A redacted chat message (the {@code chat_messages} read model of {@code MessageRedacted}). */
    public record Message(String messageId, String senderType, String senderName, String text, double sentiment,
                          String language, String topic, Double score, String sentAt) {
    }

    /** An intent that was the topic of some of a conversation's messages: its best score and how many. */
    public record Objective(String intent, double score, int messageCount) {
    }

    /** A custom-data attribute: its name, its value as text, and the label it was sent with. */
    public record Attribute(String name, String value, String label) {
    }

    /** A page of conversations with the opaque cursor of its last one. */
    /** {@code total} counts every conversation the query matches, when asked (one more query). */
    public record Connection(List<Edge> edges, PageInfo pageInfo, Total total) {
    }

    /** How many conversations a query matches, on every page. */
    @FunctionalInterface
    public interface Total {
        long count() throws java.sql.SQLException;
    }

    public record Edge(String cursor, Conversation node) {
    }

    public record PageInfo(boolean hasNextPage, String endCursor) {
    }
}
