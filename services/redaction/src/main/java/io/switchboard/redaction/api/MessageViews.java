package io.switchboard.redaction.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.redaction.store.RedactedMessages.StoredMessage;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The JSON of the redacted messages API (docs/api/redacted-messages.md#response), field for field. */
public final class MessageViews {
    /** {@code timestamp}: UTC, to the second, e.g. {@code 2026-11-21 09:30:00 UTC} ({@code ts} has the milliseconds). */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private MessageViews() {
    }

    /** The answer's one element: {@code [{"messages": [...]}]}. */
    public record MessagesPage(List<MessageView> messages) {
    }

    /**
     * One message. {@code senderemail} is an agent's directory email (null for customers and bots);
     * {@code workflow} the name of the menu the chat came in through; {@code workflownodeid} is always null
     * (Switchboard has no workflow definitions with node ids).
     */
    public record MessageView(String text, String timestamp, long ts, String sendername, String senderemail,
                              String sendertype, String sessionid, double sentiment, String workflow,
                              String workflownodeid, String topic, Double score, List<TopMatchView> topmatches,
                              String lang, String customersessionid, String sessionchannel, String sessionchannelinfo,
                              String chattype) {
        static MessageView of(StoredMessage m) {
            return new MessageView(m.redactedText(), TIMESTAMP.format(m.sentAt()), m.sentAt().toEpochMilli(), m.senderName(),
                    "agent".equals(m.senderType()) ? m.senderEmail() : null, m.senderType(), m.chatId() + "." + m.segment(),
                    m.sentiment(), m.workflow(), null, m.topic(), m.score(),
                    m.topMatches().stream().map(t -> new TopMatchView(t.intent(), t.confidence(), t.phrase())).toList(),
                    m.lang(), Long.toString(m.chatId()), m.sessionChannel(), m.sessionChannelInfo(), m.chatType());
        }
    }

    /** One of the top three intents: its name, confidence in [0, 1] and the closest example phrase. */
    public record TopMatchView(String intent, double confidence, String phrase) {
    }

    /**
     * The body of {@code POST …/Dashboard/Messages}. {@code providerId} is the partner id, as a JSON string or,
     * as the vendor's example sends it, an integer; {@code interval} is accepted and ignored.
     */
    public record MessagesRequest(
            @Schema(description = "the provider: the partner id, a string of at most 64 characters or an integer")
            @JsonProperty("providerId") JsonNode providerId,
            @Schema(description = "Unix epoch seconds, inclusive") Long start,
            @Schema(description = "Unix epoch seconds, exclusive; at most 7 days after start") Long end,
            @Schema(description = "0 or absent: the default (100); at most 1000") Long limit,
            @Schema(description = "messages to skip, 0 to 10,000,000") Long offset,
            @Schema(description = "accepted and ignored", maxLength = 64) @Size(max = 64) String interval) {
    }
}
