package io.switchboard.reporting.chats;

import java.time.Instant;

/**
 * One hand-over of a chat (docs/api/manager.md#chat-participants), nested in its chat and listed on its own
 * ({@code GET /chat_participants}): {@code id} = chat id × 1000 + hand-over number, {@code type}
 * {@code agent} or {@code virtual_agent}; it is finished when the next hand-over or the chat's end came.
 */
public record ChatParticipant(long id, long chatId, String type, String status, Long userId, String name,
                              Long chatDuration, Instant connectedAt, Instant finishedAt) {
}
