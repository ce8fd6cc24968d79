package io.switchboard.chat.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.util.Map;

/** Body of {@code POST /apps/api/v1/chats} as seed 004 shows it (snake_case on the wire). */
public record CreateChatRequest(@NotNull @Valid ChatFields chat, @Valid EndUserFields endUser) {

    public record ChatFields(Long menuId, Long endUserId, String lang, String email, Map<String, Object> context,
                             JsonNode transcript) {
    }

    public record EndUserFields(String phone) {
    }
}
