package io.switchboard.reporting.chats;

import io.switchboard.reporting.directory.BasicMenu;
import io.switchboard.reporting.directory.MenuPath;
import io.switchboard.reporting.directory.UserRef;
import io.switchboard.reporting.media.Photo;
import io.switchboard.reporting.media.Video;

import java.time.Instant;
import java.util.List;

/**
 * A chat (docs/api/manager.md#chat-object): counts and times, never message text. {@code agentInfo} is
 * the last agent it was handed to; {@code participants} has one entry per hand-over; {@code transfers} is
 * always empty (a hand-over is a participant). Durations are whole seconds.
 */
public record Chat(long id, String lang, String status, Instant createdAt, Instant assignedAt, Instant endsAt,
                   Instant updatedAt, Instant firstMsgSentAt, Instant lastMsgSentAt, Long waitDuration,
                   Long chatDuration, int messageCount, String finishReason, ChatEndUser endUser,
                   BasicMenu selectedMenu, MenuPath menuPath, UserRef agentInfo, List<Photo> photos,
                   List<Video> videos, List<Object> transfers, List<ChatParticipant> participants) {

    /** The end user of a chat: its id and the partner's identifier of it, as the chat service knows them. */
    public record ChatEndUser(Long id, String identifier, String outContactId) {
    }
}
