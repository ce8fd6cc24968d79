package io.switchboard.reporting.messages;

import io.switchboard.events.redaction.RedactionEvents.EntitySpan;
import io.switchboard.events.redaction.RedactionEvents.TopMatch;

import java.time.Instant;
import java.util.List;

/**
 * One redacted chat message as {@code chat_messages} holds it: the text with every entity replaced, the
 * entities by type and offsets into the original text (never a value), sentiment, language and intents.
 */
public record ChatMessage(long chatId, long messageId, int segment, String sessionId, String customerSessionId,
                          String senderType, String senderId, String senderName, String chatType,
                          String sessionChannel, String sessionChannelInfo, Long menuId, String redactedText,
                          List<EntitySpan> entities, double sentiment, String language, String topic, Double score,
                          List<TopMatch> topMatches, Instant sentAt, Instant redactedAt) {
}
