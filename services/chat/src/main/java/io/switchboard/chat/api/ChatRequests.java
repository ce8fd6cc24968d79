package io.switchboard.chat.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

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

    /** {@code POST /chats/{chat_id}/end-user}. */
    record EndUser(String identifier, String name, String email, String phone) {
    }
}
