package io.switchboard.chat.domain;

import io.switchboard.chat.domain.ChatCommand.CreateChat;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.chat.ChatEvents.EndUser;
import io.switchboard.eventstore.decider.Decider;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The chat aggregate: commands in, events out; validation before any event. */
public final class ChatDecider implements Decider<ChatCommand, Chat, DomainEvent> {
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().-]{5,30}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    @Override
    public Chat initialState() {
        return Chat.NONE;
    }

    @Override
    public List<DomainEvent> decide(ChatCommand command, Chat chat) {
        if (command instanceof CreateChat create) {
            return List.of(create(create, chat));
        }
        throw new IllegalArgumentException("unknown command " + command);
    }

    private static ChatCreated create(CreateChat create, Chat chat) {
        if (chat.exists()) {
            throw new IllegalTransitionException(chat.status().value(), "chat " + create.chatId() + " already exists");
        }
        if (create.menuId() == null || create.menuId() <= 0) {
            throw new InvalidCommandException("chat.menu_id", "menu_id is required and must be a positive integer");
        }
        if (create.endUserId() == null && (create.endUserPhone() == null || create.endUserPhone().isBlank())) {
            throw new InvalidCommandException("chat.end_user_id", "end_user_id or end_user.phone is required");
        }
        if (create.endUserId() != null && create.endUserId() <= 0) {
            throw new InvalidCommandException("chat.end_user_id", "end_user_id must be a positive integer");
        }
        if (create.endUserPhone() != null && !PHONE.matcher(create.endUserPhone()).matches()) {
            throw new InvalidCommandException("end_user.phone", "end_user.phone is not a well-formed phone number");
        }
        if (create.email() != null && !EMAIL.matcher(create.email()).matches()) {
            throw new InvalidCommandException("chat.email", "email is not a well-formed address");
        }
        String lang = create.lang() == null ? "en" : create.lang();
        if (!LANGUAGES.contains(lang.split("-")[0])) {
            throw new InvalidCommandException("chat.lang", "lang '" + lang + "' is not an ISO-639-1 language");
        }
        if (create.context() != null && create.context().containsKey("value")
                && !(create.context().get("value") instanceof java.util.Map)) {
            throw new InvalidCommandException("chat.context.value", "context.value must be an object");
        }
        String identifier = create.endUserPhone() != null ? create.endUserPhone() : String.valueOf(create.endUserId());
        return new ChatCreated(create.chatId(), ChatStatus.QUEUED.value(), create.menuId(), lang,
                new EndUser(create.endUserId(), identifier, null, null, create.endUserPhone()), create.email(),
                create.context() == null ? java.util.Map.of() : create.context(), List.of(), List.of(),
                create.now(), create.timeoutAt());
    }

    @Override
    public Chat evolve(Chat chat, DomainEvent event) {
        if (event instanceof ChatCreated created) {
            return new Chat(created.chatId(), ChatStatus.of(created.status()), created.menuId(), created.lang(),
                    created.endUser() == null ? null : created.endUser().id(),
                    created.endUser() == null ? null : created.endUser().identifier(),
                    created.email(), created.context(), created.features(), created.createdAt(), created.timeoutAt(), null);
        }
        return chat;
    }
}
