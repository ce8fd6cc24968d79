package io.switchboard.events.redaction;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventType;

import java.time.Instant;
import java.util.List;

/** Events of the redaction service (topic {@code switchboard.redaction}). */
public final class RedactionEvents {
    public static final String AGGREGATE_TYPE = "redacted_message";

    private RedactionEvents() {
    }

    /** A detected entity, by character offsets into the original text; {@code type} e.g. {@code PHONE_NUMBER}. */
    public record EntitySpan(String type, int start, int end) {
    }

    public record TopMatch(String label, double score) {
    }

    /** {@code sessionId} is {@code chatId.segment}, the session id of the redacted messages API
     * (docs/api/redacted-messages.md#sessions). */
    @EventType(name = "MessageRedacted")
    public record MessageRedacted(String sessionId, long chatId, int segment, long messageId, String provider,
                                  String senderType, String senderId, String redactedText, List<EntitySpan> entities,
                                  String sentiment, Double sentimentScore, String language, String topic,
                                  List<TopMatch> topMatches, Instant sentAt, Instant redactedAt) implements DomainEvent {
    }
}
