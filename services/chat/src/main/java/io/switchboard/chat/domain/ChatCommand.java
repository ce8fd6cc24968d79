package io.switchboard.chat.domain;

import java.time.Instant;
import java.util.Map;

/** What can be asked of a chat. */
public sealed interface ChatCommand permits ChatCommand.CreateChat {

    /**
     * Starts a chat. {@code chatId} is allocated by the caller (a database sequence); {@code now} and
     * {@code timeoutAt} come from the caller's clock so the decider stays pure.
     */
    record CreateChat(long chatId, Long menuId, Long endUserId, String endUserPhone, String lang, String email,
                      Map<String, Object> context, Instant now, Instant timeoutAt) implements ChatCommand {
    }
}
