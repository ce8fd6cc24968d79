package io.switchboard.chat.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.switchboard.chat.domain.ChatCommand.CustomField;
import io.switchboard.web.input.BoundedJson;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Request bodies of the chat endpoints, as the Apps API shows them (docs/api/chat.md) (snake_case on the wire). Every field
 * has a size limit ({@link Limits}, the README's table); a value beyond it is a 400 naming the field.
 */
final class ChatRequests {
    private ChatRequests() {
    }

    /** The limits of the chat API's fields, in characters (strings) or entries (lists, maps). */
    static final class Limits {
        static final int NAME = 200;
        static final int KEY = 255;
        static final int CODE = 64;
        static final int EMAIL = 254;
        static final int PHONE = 32;
        static final int LANG = 16;
        static final int TEXT = 10_000;
        static final int NOTE = 2_000;
        static final int CUSTOM_VALUE = 2_000;
        static final int ENTRIES = 100;
        static final int TRANSCRIPT_MESSAGES = 500;
        static final int SIGNED_DATA = 65_536;

        private Limits() {
        }
    }

    /** {@code PATCH /chats/{id}}. */
    record UpdateChat(@Positive Long finishedByUserId, @NotNull @Valid Fields chat) {
        record Fields(@Size(max = Limits.CODE) String deflectionChannel, @Size(max = Limits.CODE) String status,
                      @Positive Long escalationId) {
        }
    }

    /** {@code POST /chats/{id}/message}. */
    record SendMessage(@Positive Long fromUserId, @NotNull @Valid Message message) {
        record Message(@Size(max = Limits.CODE) String type, @Size(max = Limits.TEXT) String content) {
        }
    }

    /**
     * {@code POST /chats/{id}/customer_flag}. The vendor's example spells the third flag
     * {@code repeat_customers} (docs/api/chat.md#customer-flags); both spellings are accepted.
     */
    record CustomerFlags(Boolean verifiedCustomer, Boolean badActor, Boolean repeatCustomer,
                         @JsonProperty("repeat_customers") Boolean repeatCustomers) {
        Boolean repeat() {
            return repeatCustomer != null ? repeatCustomer : repeatCustomers;
        }
    }

    /** {@code POST /chats/{id}/custom_data}: {@code {signed:false, data}} or {@code {signed:true, signed_data}}. */
    record CustomData(@NotNull Boolean signed,
                      @Size(max = Limits.ENTRIES) Map<@Size(max = Limits.KEY) String, @Valid Field> data,
                      @Size(max = Limits.SIGNED_DATA) String signedData) {

        /** One field, {@code {"label": ..., "value": ...}}; the value may be any JSON, within limits. */
        record Field(@Size(max = Limits.NAME) String label,
                     @BoundedJson(maxEntries = Limits.ENTRIES, maxKeyLength = Limits.KEY,
                             maxStringLength = Limits.CUSTOM_VALUE, maxDepth = 4) Object value) {
        }

        Map<String, CustomField> fields() {
            if (data == null) {
                return null;
            }
            Map<String, CustomField> fields = new LinkedHashMap<>();
            data.forEach((name, field) -> fields.put(name, field == null ? null : new CustomField(field.label(), field.value())));
            return fields;
        }
    }

    /** {@code PUT /admin/company-secret}: at least 32 characters, as HS256 needs a 256-bit key. */
    record CompanySecret(@NotNull @Size(min = 32, max = 512) String secret) {
    }

    /** {@code POST /chats/{id}/claim} and {@code …/release}. */
    record AgentAction(@Positive Long agentId) {
    }

    /** {@code POST /chats/{id}/mark}. */
    record MarkChat(@Positive Long userId, @Size(max = Limits.CODE) String mark, @Size(max = Limits.NOTE) String note) {
    }

    /** {@code POST /chats/{chat_id}/end-user}. */
    record EndUser(@Size(max = Limits.KEY) String identifier, @Size(max = Limits.NAME) String name,
                   @Size(max = Limits.EMAIL) String email, @Size(max = Limits.PHONE) String phone) {
    }

    /** {@code POST /chats/{chat_id}/escalations}. */
    record Escalate(@Size(max = Limits.KEY) String reason, Boolean forceEscalate) {
    }

    /** {@code PATCH /chats/{chat_id}/escalations/{id}}. */
    record DeflectEscalation(@Size(max = Limits.CODE) String deflectionChannel) {
    }
}
