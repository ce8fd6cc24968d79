package io.switchboard.chat.domain;

import io.switchboard.chat.domain.Chat.Customer;
import io.switchboard.chat.domain.Chat.Escalation;
import io.switchboard.chat.domain.Chat.Hands;
import io.switchboard.chat.domain.Chat.Messages;
import io.switchboard.chat.domain.Chat.Setup;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.chat.ChatEvents.ChatAssigned;
import io.switchboard.events.chat.ChatEvents.ChatClaimed;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.chat.ChatEvents.ChatFinished;
import io.switchboard.events.chat.ChatEvents.ChatReleased;
import io.switchboard.events.chat.ChatEvents.ChatStatusChanged;
import io.switchboard.events.chat.ChatEvents.CustomerFlagsUpdated;
import io.switchboard.events.chat.ChatEvents.EndUserUpdated;
import io.switchboard.events.chat.ChatEvents.EscalationRequested;
import io.switchboard.events.chat.ChatEvents.EscalationUpdated;
import io.switchboard.events.chat.ChatEvents.MessageSent;

import java.util.Map;

/** A chat's events folded into its state; events the chat keeps no state of (marks, custom data) change nothing. */
final class ChatEvolution {
    private ChatEvolution() {
    }

    static Chat evolve(Chat chat, DomainEvent event) {
        if (event instanceof ChatCreated created) {
            return new Chat(created.chatId(), ChatStatus.of(created.status()), null,
                    new Setup(created.menuId(), created.lang(), created.context(), created.features(),
                            created.transcript(), created.createdAt(), created.timeoutAt()),
                    new Customer(created.endUser() == null ? null : created.endUser().id(),
                            created.endUser() == null ? null : created.endUser().identifier(), created.email(),
                            Chat.NO_FLAGS),
                    Messages.NONE, Hands.FIRST, Map.of(), null);
        }
        if (event instanceof ChatAssigned assigned) {
            boolean toAgent = ChatHands.AGENT.equals(assigned.assigneeType());
            Hands hands = toAgent
                    ? chat.hands().toAgent(assigned.assigneeId(), assigned.routingVersion(), assigned.segment())
                    : chat.hands().toVirtualAgent(assigned.assigneeId(), assigned.routingVersion(), assigned.segment());
            return chat.with(toAgent ? ChatStatus.ASSIGNED : ChatStatus.VA_ASSIGNED, hands);
        }
        if (event instanceof EscalationRequested requested) {
            return chat.with(new Escalation(requested.escalationId(), requested.reason(), requested.forceEscalate(),
                    requested.status(), null));
        }
        if (event instanceof EscalationUpdated updated) {
            Escalation former = chat.escalations().get(updated.escalationId());
            return former == null ? chat : chat.with(new Escalation(former.id(), former.reason(),
                    former.forceEscalate(), updated.status(),
                    updated.deflectionChannel() != null ? updated.deflectionChannel() : former.deflectionChannel()));
        }
        if (event instanceof MessageSent sent) {
            if (sent.idempotencyKey() == null) {
                return chat.with(chat.messages().plus(null, null));
            }
            boolean user = ChatHands.AGENT.equals(sent.senderType()) || ChatHands.VIRTUAL_AGENT.equals(sent.senderType());
            Long from = user ? Long.valueOf(sent.senderId()) : null;
            return chat.with(chat.messages().plus(sent.idempotencyKey(),
                    ChatMessages.fingerprint(from, sent.messageType(), sent.text())));
        }
        if (event instanceof ChatFinished finished) {
            return chat.with(ChatStatus.of(finished.status()), finished.endedAt());
        }
        if (event instanceof ChatStatusChanged changed) {
            return chat.with(ChatStatus.of(changed.status()), chat.endsAt()).deflectedTo(changed.deflectionChannel());
        }
        if (event instanceof CustomerFlagsUpdated flags) {
            return chat.with(chat.customer().flagged(flags.current()));
        }
        if (event instanceof ChatClaimed claimed) {
            return chat.with(chat.status(), chat.hands().claimedBy(claimed.agentId()));
        }
        if (event instanceof ChatReleased) {
            return chat.with(chat.status(), chat.hands().claimedBy(null));
        }
        if (event instanceof EndUserUpdated endUser) {
            return chat.with(chat.customer().identifiedAs(endUser.identifier(), endUser.email()));
        }
        return chat;
    }
}
