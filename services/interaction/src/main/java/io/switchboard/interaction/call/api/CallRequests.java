package io.switchboard.interaction.call.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** Request bodies of the call endpoints (snake_case on the wire). */
final class CallRequests {
    private CallRequests() {
    }

    /**
     * {@code POST /calls} (contract §1.1). {@code menu_id} and {@code call_id} are read as text so that a
     * malformed value gets the contract's "is not well formed" message. {@code dialed_number} (also
     * {@code dialled_number}) and {@code agent_id} are extensions for the telephony integration.
     */
    record CreateCall(String callType, String lang, String endUserNumber,
                      @JsonAlias("dialled_number") String dialedNumber, String ticketId, String agentEmail,
                      Long agentId, String outboundNumber, String menuId, String callId, Instant scheduledAt,
                      String recordingPermission) {
    }

    /**
     * A lifecycle step as the telephony provider reports it; which fields matter depends on the step.
     * {@code at} is the provider's time of the step (default: now).
     */
    record Step(Instant at, Long agentId, Long menuId, String targetType, Long toAgentId, Long toTeamId,
                String toNumber, Long participantId, String participantType, Long userId, Long endUserId,
                String phoneNumber, String disconnectedBy, String failReason, String recordingUrl, Long duration,
                String voicemailReason) {
        static final Step EMPTY = new Step(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    /** {@code PATCH /calls/{id}/customer_flag}; the contract's example spells the third key {@code repeat_customers}. */
    record CustomerFlags(Boolean verifiedCustomer, Boolean badActor, Boolean repeatCustomer,
                         @JsonProperty("repeat_customers") Boolean repeatCustomers) {
        Boolean repeat() {
            return repeatCustomer != null ? repeatCustomer : repeatCustomers;
        }
    }

    /** {@code PUT /calls/add/{call_id}/dial} (contract §1.4); {@code agent_id} is an extension. */
    record DialThirdParty(String agentEmail, Long agentId, String outboundNumber, String phoneNumber) {
    }
}
