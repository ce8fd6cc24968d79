package io.switchboard.chat.domain;

import io.switchboard.chat.domain.ChatCommand.CreateChat;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.chat.ChatEvents.ChatCreated;
import io.switchboard.events.chat.ChatEvents.EndUser;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Given events, when a command, then events or a rejection: no I/O, no framework. */
class ChatDeciderTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00.000Z");
    private static final Instant TIMEOUT = NOW.plusSeconds(600);
    private final ChatDecider decider = new ChatDecider();

    private static CreateChat create(Long menuId, Long endUserId, String phone, String lang, String email,
                                     Map<String, Object> context) {
        return new CreateChat(1000, menuId, endUserId, phone, lang, email, context, NOW, TIMEOUT);
    }

    private List<DomainEvent> when(CreateChat command, DomainEvent... given) {
        return decider.decide(command, decider.evolveAll(decider.initialState(), List.of(given)));
    }

    @Test
    void aNewChatIsQueuedWithTheGivenEndUserAndDefaultLanguage() {
        List<DomainEvent> events = when(create(7L, null, "+1 555 0100", null, "ann@example.com",
                Map.of("value", Map.of("foo", "bar"))));

        assertThat(events).containsExactly(new ChatCreated(1000, "queued", 7L, "en",
                new EndUser(null, "+1 555 0100", null, null, "+1 555 0100"), "ann@example.com",
                Map.of("value", Map.of("foo", "bar")), List.of(), List.of(), NOW, TIMEOUT));
        Chat chat = decider.evolveAll(decider.initialState(), events);
        assertThat(chat.status()).isEqualTo(ChatStatus.QUEUED);
        assertThat(chat.timeoutAt()).isEqualTo(TIMEOUT);
    }

    @Test
    void anEndUserIdIsEnoughAndBecomesTheIdentifier() {
        ChatCreated created = (ChatCreated) when(create(7L, 42L, null, "it", null, null)).get(0);

        assertThat(created.endUser()).isEqualTo(new EndUser(42L, "42", null, null, null));
        assertThat(created.lang()).isEqualTo("it");
        assertThat(created.context()).isEmpty();
    }

    @Test
    void invalidFieldsAreRejectedByName() {
        expectInvalid(create(null, 42L, null, null, null, null), "chat.menu_id");
        expectInvalid(create(0L, 42L, null, null, null, null), "chat.menu_id");
        expectInvalid(create(7L, null, null, null, null, null), "chat.end_user_id");
        expectInvalid(create(7L, -1L, null, null, null, null), "chat.end_user_id");
        expectInvalid(create(7L, null, "call me", null, null, null), "end_user.phone");
        expectInvalid(create(7L, 42L, null, null, "not-an-email", null), "chat.email");
        expectInvalid(create(7L, 42L, null, "klingon", null, null), "chat.lang");
        expectInvalid(create(7L, 42L, null, null, null, Map.of("value", "flat")), "chat.context.value");
    }

    @Test
    void aChatCannotBeCreatedTwice() {
        DomainEvent existing = when(create(7L, 42L, null, null, null, null)).get(0);

        assertThatThrownBy(() -> when(create(7L, 42L, null, null, null, null), existing))
                .isInstanceOfSatisfying(IllegalTransitionException.class,
                        rejected -> assertThat(rejected.currentStatus()).isEqualTo("queued"));
    }

    private void expectInvalid(CreateChat command, String field) {
        assertThatThrownBy(() -> when(command)).isInstanceOfSatisfying(InvalidCommandException.class,
                rejected -> assertThat(rejected.field()).isEqualTo(field));
    }
}
