package io.switchboard.events.redaction;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventType;

import java.time.Instant;
import java.util.List;

/**
 * Events of the redaction service (stream type {@code redacted_message}, one stream per chat:
 * {@code redacted_message-<chatId>}, topic {@code switchboard.redaction}).
 */
public final class RedactionEvents {
    public static final String AGGREGATE_TYPE = "redacted_message";

    private RedactionEvents() {
    }

    /**
     * A redacted entity by character offsets into the <em>original</em> text ({@code start} inclusive,
     * {@code end} exclusive) with the detector's score in (0, 1]. Never the value itself: the original text
     * is not kept anywhere, so the offsets only say where, in a message nobody can read again, something was.
     * {@code type} is a built-in type ({@code NAME}, {@code EMAIL}, {@code MONEY}, {@code GPE}, {@code DATE},
     * {@code TIME}, {@code ORG}, {@code NUMERIC}, {@code ID}) or a partner's custom entity label.
     */
    public record EntitySpan(String type, int start, int end, double score) {
    }

    /** One of the best-matching intents of the partner: its confidence in [0, 1] and the closest example phrase. */
    public record TopMatch(String intent, double confidence, String phrase) {
    }

    /**
     * A chat message, redacted. Nothing before this event carried it: the record was reshaped (sentiment a
     * number, entity scores, top matches with their phrase, the session fields of the redacted messages API)
     * while no service produced it yet, so version 1 is this shape.
     *
     * <ul>
     *   <li>{@code sessionId} is {@code chatId.segment} and {@code customerSessionId} the chat id: the session
     *       ids of the redacted messages API (docs/api/redacted-messages.md#sessions).</li>
     *   <li>{@code senderType} is the API's: {@code customer}, {@code bot} (a virtual agent or the system) or
     *       {@code agent}. {@code senderId} and {@code senderName} are set for agents and virtual agents only:
     *       a customer's name, email or identifier is never recorded.</li>
     *   <li>{@code chatType} is {@code bot} or {@code agent}: who held the chat in the message's segment.</li>
     *   <li>{@code sessionChannel} is {@code chat}; {@code sessionChannelInfo} the id of the menu the chat came
     *       in through ({@code menuId}, null when unknown).</li>
     *   <li>{@code sentiment} is in [-1, 1] (&gt; 0 positive, &lt; 0 negative, 0 neutral); {@code topic} and
     *       {@code score} are the best intent and its confidence (null without a match); {@code topMatches}
     *       the best three.</li>
     * </ul>
     */
    @EventType(name = "MessageRedacted")
    public record MessageRedacted(String sessionId, String customerSessionId, long chatId, int segment, long messageId,
                                  String senderType, String senderId, String senderName, String chatType,
                                  String sessionChannel, String sessionChannelInfo, Long menuId,
                                  String redactedText, List<EntitySpan> entities, double sentiment, String language,
                                  String topic, Double score, List<TopMatch> topMatches,
                                  Instant sentAt, Instant redactedAt) implements DomainEvent {
    }
}
