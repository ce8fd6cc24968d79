package io.switchboard.chat.domain;

import io.switchboard.events.chat.ChatEvents.CustomerFlags;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of a chat, folded from its events; {@code null} fields are not known (yet).
 * {@code segment} counts the hands the chat has been in (1 at creation), {@code messages} its messages,
 * {@code messageKeys} the idempotency keys of its messages, {@code claimedBy} the agent holding its claim.
 */
public record Chat(long id, ChatStatus status, Long menuId, String lang, Long endUserId, String endUserIdentifier,
                   String email, Map<String, Object> context, List<String> features, Instant createdAt,
                   Instant timeoutAt, Instant endsAt, int segment, long messages, CustomerFlags flags,
                   String deflectionChannel, Set<String> messageKeys, Long claimedBy) {

    public static final CustomerFlags NO_FLAGS = new CustomerFlags(false, false, false);

    /** The state of a chat that has no events: it does not exist. */
    public static final Chat NONE = new Chat(0, null, null, null, null, null, null, Map.of(), List.of(), null, null,
            null, 0, 0, NO_FLAGS, null, Set.of(), null);

    public boolean exists() {
        return status != null;
    }

    public boolean isOpen() {
        return status == ChatStatus.QUEUED || status == ChatStatus.VA_ASSIGNED || status == ChatStatus.ASSIGNED;
    }

    Chat withStatus(ChatStatus newStatus, Instant ended) {
        return new Chat(id, newStatus, menuId, lang, endUserId, endUserIdentifier, email, context, features, createdAt,
                timeoutAt, ended, segment, messages, flags, deflectionChannel, messageKeys, claimedBy);
    }

    Chat withMessage(String idempotencyKey) {
        Set<String> keys = messageKeys;
        if (idempotencyKey != null) {
            keys = new HashSet<>(messageKeys);
            keys.add(idempotencyKey);
        }
        return new Chat(id, status, menuId, lang, endUserId, endUserIdentifier, email, context, features, createdAt,
                timeoutAt, endsAt, segment, messages + 1, flags, deflectionChannel, keys, claimedBy);
    }

    Chat withFlags(CustomerFlags newFlags) {
        return new Chat(id, status, menuId, lang, endUserId, endUserIdentifier, email, context, features, createdAt,
                timeoutAt, endsAt, segment, messages, newFlags, deflectionChannel, messageKeys, claimedBy);
    }

    Chat withEndUser(String identifier, String newEmail) {
        return new Chat(id, status, menuId, lang, endUserId, identifier, newEmail == null ? email : newEmail, context,
                features, createdAt, timeoutAt, endsAt, segment, messages, flags, deflectionChannel, messageKeys, claimedBy);
    }

    Chat withClaim(Long agentId) {
        return new Chat(id, status, menuId, lang, endUserId, endUserIdentifier, email, context, features, createdAt,
                timeoutAt, endsAt, segment, messages, flags, deflectionChannel, messageKeys, agentId);
    }

    Chat withDeflection(String channel) {
        return new Chat(id, status, menuId, lang, endUserId, endUserIdentifier, email, context, features, createdAt,
                timeoutAt, endsAt, segment, messages, flags, channel, messageKeys, claimedBy);
    }
}
