package io.switchboard.interaction.call.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * Request bodies of the call endpoints (snake_case on the wire). Every field has a size limit (the
 * README of docs/calls.md lists them); a value beyond it is a 400 naming the field.
 */
final class CallRequests {
    static final int CODE = 64;
    static final int PHONE = 32;
    static final int EMAIL = 254;
    static final int TEXT = 255;
    static final int URL = 2_048;
    /** A voicemail or call longer than a week is not a duration, it is a bug. */
    static final long MAX_DURATION_SECONDS = 7 * 24 * 3_600;

    private CallRequests() {
    }

    /**
     * {@code POST /calls} (docs/api/calls.md#request-fields). {@code menu_id} and {@code call_id} are integers in the
     * contract, but a client may send them as text; they are read as JSON values so that a malformed
     * one (text that is not digits, a fraction) gets the vendor's "is not well formed" message
     * (docs/api/calls.md#error-messages).
     * {@code dialed_number} (also {@code dialled_number}) and {@code agent_id} are extensions for the
     * telephony integration.
     */
    record CreateCall(@Size(max = CODE) String callType, @Size(max = 16) String lang,
                      @Size(max = PHONE) String endUserNumber,
                      @JsonAlias("dialled_number") @Size(max = CODE) String dialedNumber,
                      @Size(max = TEXT) String ticketId, @Size(max = EMAIL) String agentEmail,
                      @Positive Long agentId, @Size(max = PHONE) String outboundNumber, JsonNode menuId, JsonNode callId,
                      Instant scheduledAt, @Size(max = CODE) String recordingPermission) {
    }

    /**
     * A lifecycle step as the telephony provider reports it; which fields matter depends on the step.
     * {@code at} is the provider's time of the step (default: now).
     */
    record Step(Instant at, @Positive Long agentId, @Positive Long menuId, @Size(max = CODE) String targetType,
                @Positive Long toAgentId, @Positive Long toTeamId, @Size(max = PHONE) String toNumber,
                @Positive Long participantId, @Size(max = CODE) String participantType, @Positive Long userId,
                @Positive Long endUserId, @Size(max = PHONE) String phoneNumber, @Size(max = CODE) String disconnectedBy,
                @Size(max = TEXT) String failReason, @Size(max = URL) String recordingUrl,
                @PositiveOrZero @Max(MAX_DURATION_SECONDS) Long duration, @Size(max = TEXT) String voicemailReason) {
        static final Step EMPTY = new Step(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    /** {@code PATCH /calls/{id}/customer_flag}; the vendor's example spells the third key {@code repeat_customers}
     * (docs/api/calls.md#customer-flags). */
    record CustomerFlags(Boolean verifiedCustomer, Boolean badActor, Boolean repeatCustomer,
                         @JsonProperty("repeat_customers") Boolean repeatCustomers) {
        Boolean repeat() {
            return repeatCustomer != null ? repeatCustomer : repeatCustomers;
        }
    }

    /** {@code PUT /calls/add/{call_id}/dial} (docs/api/calls.md#add-a-third-party); {@code agent_id} is an extension. */
    record DialThirdParty(@Size(max = EMAIL) String agentEmail, @Positive Long agentId,
                          @Size(max = PHONE) String outboundNumber, @Size(max = PHONE) String phoneNumber) {
    }
}
