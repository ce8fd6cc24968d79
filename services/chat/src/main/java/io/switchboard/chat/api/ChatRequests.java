package io.switchboard.chat.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import io.switchboard.chat.domain.ChatCommand.CustomField;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;

/** Request bodies of the chat endpoints, as seed 004 shows them (snake_case on the wire). */
final class ChatRequests {
    private ChatRequests() {
    }

    /** {@code PATCH /chats/{id}}. */
    record UpdateChat(Long finishedByUserId, @NotNull @Valid Fields chat) {
        record Fields(String deflectionChannel, String status, Long escalationId) {
        }
    }

    /** {@code POST /chats/{id}/message}. */
    record SendMessage(Long fromUserId, @NotNull @Valid Message message) {
        record Message(String type, String content) {
        }
    }

    /**
     * {@code POST /chats/{id}/customer_flag}. The seed's example spells the third flag
     * {@code repeat_customers}; both spellings are accepted.
     */
    record CustomerFlags(Boolean verifiedCustomer, Boolean badActor, Boolean repeatCustomer,
                         @JsonProperty("repeat_customers") Boolean repeatCustomers) {
        Boolean repeat() {
            return repeatCustomer != null ? repeatCustomer : repeatCustomers;
        }
    }

    /** {@code POST /chats/{id}/custom_data}: {@code {signed:false, data}} or {@code {signed:true, signed_data}}. */
    record CustomData(@NotNull Boolean signed, Map<String, CustomField> data, String signedData) {
    }

    /** {@code PUT /admin/company-secret}: at least 32 characters, as HS256 needs a 256-bit key. */
    record CompanySecret(@NotNull @Size(min = 32, max = 512) String secret) {
    }

    /** {@code POST /chats/{id}/claim} and {@code …/release}. */
    record AgentAction(Long agentId) {
    }

    /** {@code POST /chats/{id}/mark}. */
    record MarkChat(Long userId, String mark, String note) {
    }

    /** {@code POST /chats/{chat_id}/end-user}. */
    record EndUser(String identifier, String name, String email, String phone) {
    }

    /** {@code POST /chats/{chat_id}/escalations}. */
    record Escalate(String reason, Boolean forceEscalate) {
    }

    /** {@code PATCH /chats/{chat_id}/escalations/{id}}. */
    record DeflectEscalation(String deflectionChannel) {
    }
}
