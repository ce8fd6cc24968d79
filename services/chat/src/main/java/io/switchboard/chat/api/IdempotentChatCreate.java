package io.switchboard.chat.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.WireTime;
import io.switchboard.chat.domain.Chat;
import io.switchboard.chat.domain.ChatCommand.CreateChat;
import io.switchboard.chat.domain.ChatFeature.MenuServing;
import io.switchboard.chat.store.ChatStore;
import io.switchboard.chat.store.DirectoryCopy;
import io.switchboard.eventstore.ConcurrencyConflictException;
import io.switchboard.eventstore.EventContext;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * {@code POST /chats}, once per {@code Idempotency-Key}: a retry with the same request gets the chat the
 * first one created and writes nothing; the same key with another request is 422. The chat id is
 * reserved for the key before the chat is created, so two racing requests with one key create one chat.
 */
@ApplicationScoped
public class IdempotentChatCreate {
    static final String HEADER = "Idempotency-Key";

    private final ChatStore chats;
    private final DirectoryCopy directory;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration queueTimeout;

    public IdempotentChatCreate(ChatStore chats, DirectoryCopy directory, ObjectMapper mapper, Clock clock,
                                @ConfigProperty(name = "switchboard.chat.queue-timeout", defaultValue = "PT10M")
                                Duration queueTimeout) {
        this.chats = chats;
        this.directory = directory;
        this.mapper = mapper;
        this.clock = clock;
        this.queueTimeout = queueTimeout;
    }

    /** The chat {@code request} creates, or (a {@code key} seen before) the one it created. */
    Uni<Chat> create(String partnerId, CreateChatRequest request, String key) {
        if (key == null) {
            return requireMenu(partnerId, request.chat().menuId())
                    .flatMap(menu -> chats.nextChatId().flatMap(chatId -> create(partnerId, chatId, request, menu)));
        }
        requireWellFormed(key);
        // A retry returns the chat the first request created, and writes nothing; so does a request that
        // raced the first one with the same key and lost (the chat id is the key's, so the chat is the key's).
        return chats.reserveChatId(partnerId, key, fingerprint(request))
                .flatMap(chatId -> chats.findIfExists(partnerId, chatId).flatMap(existing -> existing.isPresent()
                        ? Uni.createFrom().item(existing.get())
                        : requireMenu(partnerId, request.chat().menuId())
                                .flatMap(menu -> create(partnerId, chatId, request, menu))
                                .onFailure(failure -> failure instanceof IllegalTransitionException
                                        || failure instanceof ConcurrencyConflictException)
                                .recoverWithUni(lost -> chats.find(partnerId, chatId))));
    }

    /** An {@code Idempotency-Key} (of a create or a message) is 1 to 255 characters. */
    static void requireWellFormed(String key) {
        if (key.isBlank() || key.length() > 255) {
            throw new InvalidCommandException(HEADER, "Idempotency-Key must be 1 to 255 characters");
        }
    }

    /**
     * A chat's menu must be an active menu of the caller's partner (an absent or malformed one is the
     * decider's); who serves it gives the chat its features.
     */
    private Uni<MenuServing> requireMenu(String partnerId, Long menuId) {
        if (menuId == null || menuId <= 0) {
            return Uni.createFrom().item(MenuServing.NOBODY);
        }
        return directory.activeMenu(partnerId, menuId).map(menu -> menu.orElseThrow(() -> new InvalidCommandException(
                "chat.menu_id", "menu_id " + menuId + " is not an active menu of this partner")));
    }

    private Uni<Chat> create(String partnerId, long chatId, CreateChatRequest request, MenuServing menu) {
        Instant now = WireTime.now(clock);
        CreateChatRequest.ChatFields fields = request.chat();
        return chats.handle(partnerId, chatId, new CreateChat(chatId, fields.menuId(), menu, fields.endUserId(),
                request.endUser() == null ? null : request.endUser().phone(), fields.lang(), fields.email(),
                fields.context(), Transcripts.parse(fields.transcript(), mapper), now, now.plus(queueTimeout)),
                EventContext.none());
    }

    /** What makes two create requests "the same": their canonical JSON. */
    private String fingerprint(CreateChatRequest request) {
        try {
            byte[] json = mapper.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the request", e);
        }
    }
}
