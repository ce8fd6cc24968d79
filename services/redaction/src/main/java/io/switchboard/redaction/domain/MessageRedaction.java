package io.switchboard.redaction.domain;

import io.switchboard.events.chat.ChatEvents.MessageSent;
import io.switchboard.events.redaction.RedactionEvents.EntitySpan;
import io.switchboard.events.redaction.RedactionEvents.MessageRedacted;
import io.switchboard.events.redaction.RedactionEvents.TopMatch;

import java.time.Instant;

/**
 * A sent message and its analysis become {@link MessageRedacted}: the redacted text and what the API shows
 * about the session and the sender — and nothing that identifies the customer. The raw text is not an input:
 * only its analysis is.
 */
public final class MessageRedaction {
    /** The channel every chat of the Apps API comes in on (the only digital channel Switchboard has). */
    public static final String CHANNEL = "chat";

    private MessageRedaction() {
    }

    public static MessageRedacted redacted(MessageSent message, ChatSession session, Analysis analysis, Instant now) {
        String senderType = senderType(message.senderType());
        boolean staff = "agent".equals(senderType) || ChatSession.VIRTUAL_AGENT.equals(message.senderType());
        // The name of an agent or a virtual agent as the chat knew it then; a customer's never.
        String senderName = staff ? firstNonBlank(message.senderName(),
                message.senderId() != null && session.holderId() != null && message.senderId().equals(session.holderId().toString())
                        ? session.holderName() : null) : null;
        String chatType = "agent".equals(senderType) ? "agent"
                : ChatSession.VIRTUAL_AGENT.equals(message.senderType()) ? "bot" : session.chatType();
        return new MessageRedacted(message.chatId() + "." + message.segment(), Long.toString(message.chatId()),
                message.chatId(), message.segment(), message.messageId(), senderType, staff ? message.senderId() : null,
                senderName, chatType, CHANNEL, session.menuId() == null ? null : session.menuId().toString(), session.menuId(),
                analysis.redactedText(),
                analysis.entities().stream().map(e -> new EntitySpan(e.type(), e.start(), e.end(), e.score())).toList(),
                analysis.sentiment(), analysis.lang(), analysis.topic(), analysis.score(),
                analysis.topMatches().stream().map(m -> new TopMatch(m.intent(), m.confidence(), m.phrase())).toList(),
                message.sentAt(), now);
    }

    /**
     * The API's sender types: the end user is the {@code customer}, a virtual agent and the system are
     * {@code bot}s, an agent an {@code agent}.
     */
    public static String senderType(String chatSenderType) {
        if ("agent".equals(chatSenderType)) {
            return "agent";
        }
        if (ChatSession.VIRTUAL_AGENT.equals(chatSenderType) || "system".equals(chatSenderType)) {
            return "bot";
        }
        return "customer";
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
    }
}
