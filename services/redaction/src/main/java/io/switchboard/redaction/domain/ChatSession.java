package io.switchboard.redaction.domain;

import io.switchboard.events.chat.ChatEvents.ChatAssigned;
import io.switchboard.events.chat.ChatEvents.ChatCreated;

/**
 * What the redaction service keeps of a chat to describe its messages: the menu it came in through, its
 * language, whether a virtual agent takes it first, and who holds it now (type, id, display name, the
 * segment that began with them). Never anything of the customer: no name, email, phone or identifier.
 */
public record ChatSession(long chatId, Long menuId, String lang, boolean botFirst, String holderType, Long holderId,
                          String holderName, Integer holderSegment) {
    public static final String AGENT = "agent";
    public static final String VIRTUAL_AGENT = "virtual_agent";

    /** A chat whose creation was not seen (it came before this service's retention, or is still on its way). */
    public static ChatSession unknown(long chatId) {
        return new ChatSession(chatId, null, null, false, null, null, null, null);
    }

    public static ChatSession created(ChatCreated created) {
        boolean botFirst = created.features() != null && created.features().contains(VIRTUAL_AGENT);
        return new ChatSession(created.chatId(), created.menuId(), created.lang(), botFirst, null, null, null, null);
    }

    /** The chat changed hands; an older hand-over (a lower segment) arriving late changes nothing. */
    public ChatSession assigned(ChatAssigned assigned) {
        if (holderSegment != null && assigned.segment() < holderSegment) {
            return this;
        }
        return new ChatSession(chatId, menuId, lang, botFirst, assigned.assigneeType(), assigned.assigneeId(),
                assigned.assigneeName(), assigned.segment());
    }

    /**
     * {@code bot} or {@code agent}: who holds the chat (a virtual agent is a bot); before anyone holds it, the
     * queue leads to a virtual agent when the menu has one ({@code ChatCreated.features}), else to agents.
     */
    public String chatType() {
        if (holderType != null) {
            return VIRTUAL_AGENT.equals(holderType) ? "bot" : "agent";
        }
        return botFirst ? "bot" : "agent";
    }
}
