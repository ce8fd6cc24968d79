package io.switchboard.chat.domain;

import io.switchboard.chat.domain.ChatCommand.SendMessage;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.chat.ChatEvents.MessageSent;
import io.switchboard.eventstore.decider.FieldChecks;
import io.switchboard.eventstore.decider.InvalidCommandException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Messages: who a message is sent as (the sender matrix of the chat README), its number and segment, and
 * the idempotency key that makes a retried message a no-op and a reused key a refusal.
 */
final class ChatMessages {
    private ChatMessages() {
    }

    static List<DomainEvent> send(SendMessage message, Chat chat) {
        Long from = sendingAs(message);
        String key = message.idempotencyKey();
        if (key != null && chat.messages().keys().containsKey(key)) {
            if (fingerprint(from, message.type(), message.content()).equals(chat.messages().keys().get(key))) {
                return List.of(); // a retry of the message sent with this key
            }
            throw new MessageKeyReusedException(key);
        }
        return List.of(message(message, from, chat));
    }


    /**
     * The user a message is sent as (null: the end user or the system). An agent sends only as itself,
     * and only if it is linked to an agent; a supervisor, admin or system caller names the sender.
     */
    private static Long sendingAs(SendMessage message) {
        if (message.fromUserId() != null && message.fromUserId() <= 0) {
            throw new InvalidCommandException("from_user_id", "from_user_id must be a positive integer");
        }
        Actor actor = message.actor();
        if (actor.forOthers()) {
            return message.fromUserId();
        }
        return Actor.actingAs(message.fromUserId(), actor, "from_user_id");
    }

    private static MessageSent message(SendMessage message, Long from, Chat chat) {
        ChatUpdates.requireOpen(chat, "send a message to");
        if (FieldChecks.isBlank(message.type())) {
            throw new InvalidCommandException("message.type", "message.type is required");
        }
        if (FieldChecks.isBlank(message.content())) {
            throw new InvalidCommandException("message.content", "message.content is required");
        }
        String senderType;
        String senderId;
        String senderName = null;
        if (from != null && !message.actor().forOthers()) {
            senderType = ChatHands.AGENT;
            senderId = from.toString();
            senderName = message.known().agentName();
        } else if (from != null) {
            if (from.equals(chat.hands().virtualAgentId())) {
                senderType = ChatHands.VIRTUAL_AGENT;
                senderName = message.known().virtualAgentName();
            } else if (message.known().agent()) {
                senderType = ChatHands.AGENT;
                senderName = message.known().agentName();
            } else {
                throw new InvalidCommandException("from_user_id", "from_user_id " + from
                        + " is neither the virtual agent holding this chat nor an active agent of this partner");
            }
            senderId = from.toString();
        } else if ("system".equals(message.type())) {
            senderType = "system";
            senderId = "system";
        } else {
            senderType = "end_user";
            senderId = chat.customer().endUserId() != null ? chat.customer().endUserId().toString() : chat.customer().identifier();
        }
        return new MessageSent(chat.id(), chat.messages().count() + 1, chat.hands().segment(), senderType, senderId, senderName,
                message.type(), message.content(), Map.of(), message.now(), message.idempotencyKey());
    }


    /**
     * What makes two messages with one idempotency key "the same": the user sent as (an agent's or
     * virtual agent's id; none for the end user and the system), the type and the text. The sender type
     * is left out on purpose: it depends on who holds the chat, which may change between a message and
     * its retry.
     */
    static String fingerprint(Long from, String type, String text) {
        String canonical = (from == null ? "" : from.toString()) + "|" + (type == null ? -1 : type.length()) + "|"
                + (type == null ? "" : type) + (text == null ? "" : text);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
