package io.switchboard.chat.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.web.input.BoundedJson;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.util.Map;

/** Body of {@code POST /apps/api/v1/chats} as the Apps API defines it (docs/api/chat.md#create-a-chat) (snake_case on the wire). */
public record CreateChatRequest(@NotNull @Valid ChatFields chat, @Valid EndUserFields endUser) {

    public record ChatFields(@Positive Long menuId, @Positive Long endUserId,
                             @Size(max = ChatRequests.Limits.LANG) String lang,
                             @Size(max = ChatRequests.Limits.EMAIL) String email,
                             @BoundedJson(maxEntries = ChatRequests.Limits.ENTRIES, maxKeyLength = ChatRequests.Limits.KEY,
                                     maxStringLength = ChatRequests.Limits.CUSTOM_VALUE) Map<String, Object> context,
                             @BoundedJson(maxEntries = ChatRequests.Limits.TRANSCRIPT_MESSAGES, maxKeyLength = ChatRequests.Limits.KEY,
                                     maxStringLength = ChatRequests.Limits.TEXT, maxDepth = 4) JsonNode transcript) {
    }

    public record EndUserFields(@Size(max = ChatRequests.Limits.PHONE) String phone) {
    }
}
