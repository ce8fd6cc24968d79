package io.switchboard.chat.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The state of a chat, folded from its events; {@code null} fields are not known (yet). */
public record Chat(long id, ChatStatus status, Long menuId, String lang, Long endUserId, String endUserIdentifier,
                   String email, Map<String, Object> context, List<String> features, Instant createdAt,
                   Instant timeoutAt, Instant endsAt) {

    /** The state of a chat that has no events: it does not exist. */
    public static final Chat NONE = new Chat(0, null, null, null, null, null, null, Map.of(), List.of(), null, null, null);

    public boolean exists() {
        return status != null;
    }
}
