package io.switchboard.chat.domain;

import io.switchboard.chat.domain.ChatCommand.CreateChat;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.chat.ChatEvents.EndUser;
import io.switchboard.events.chat.ChatEvents.TranscriptEntry;
import io.switchboard.eventstore.decider.FieldChecks;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A new chat (docs/api/chat.md#create-a-chat): its menu, end user, language, context and handed-over transcript,
 * and the features its menu gives it.
 */
final class ChatCreation {
    private static final Set<String> SENDER_TYPES = Set.of("end_user", "agent", "virtual_agent", "system");

    private ChatCreation() {
    }

    static ChatCreated create(CreateChat create, Chat chat) {
        if (chat.exists()) {
            throw new IllegalTransitionException(chat.status().value(), "chat " + create.chatId() + " already exists");
        }
        if (create.menuId() == null || create.menuId() <= 0) {
            throw new InvalidCommandException("chat.menu_id", "menu_id is required and must be a positive integer");
        }
        if (create.endUserId() == null && FieldChecks.isBlank(create.endUserPhone())) {
            throw new InvalidCommandException("chat.end_user_id", "end_user_id or end_user.phone is required");
        }
        if (create.endUserId() != null && create.endUserId() <= 0) {
            throw new InvalidCommandException("chat.end_user_id", "end_user_id must be a positive integer");
        }
        FieldChecks.requireIfPresent(create.endUserPhone(), FieldChecks::isPhone, "end_user.phone",
                "end_user.phone is not a well-formed phone number");
        FieldChecks.requireIfPresent(create.email(), FieldChecks::isEmail, "chat.email", "chat.email is not a well-formed email address");
        String lang = create.lang() == null ? "en" : create.lang();
        if (!FieldChecks.isLanguage(lang)) {
            throw new InvalidCommandException("chat.lang", "lang '" + lang + "' is not an ISO-639-1 language");
        }
        if (create.context() != null && create.context().containsKey("value") && !(create.context().get("value") instanceof Map)) {
            throw new InvalidCommandException("chat.context.value", "context.value must be an object");
        }
        List<TranscriptEntry> transcript = create.transcript() == null ? List.of() : create.transcript();
        for (int i = 0; i < transcript.size(); i++) {
            TranscriptEntry entry = transcript.get(i);
            String field = "chat.transcript.messages[" + i + "]";
            if (entry == null || entry.senderType() == null || !SENDER_TYPES.contains(entry.senderType())) {
                throw new InvalidCommandException(field + ".sender_type", "sender_type must be one of " + SENDER_TYPES);
            }
            if (FieldChecks.isBlank(entry.text())) {
                throw new InvalidCommandException(field + ".text", "text is required");
            }
            if (entry.sentAt() != null && entry.sentAt().isAfter(create.now())) {
                throw new InvalidCommandException(field + ".sent_at", "sent_at cannot be in the future");
            }
        }
        String identifier = create.endUserPhone() != null ? create.endUserPhone() : String.valueOf(create.endUserId());
        return new ChatCreated(create.chatId(), ChatStatus.QUEUED.value(), create.menuId(), lang,
                new EndUser(create.endUserId(), identifier, null, null, create.endUserPhone()), create.email(),
                create.context() == null ? Map.of() : create.context(), transcript, ChatFeature.of(create.menu()),
                create.now(), create.timeoutAt());
    }
}
