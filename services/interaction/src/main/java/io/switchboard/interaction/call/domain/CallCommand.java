package io.switchboard.interaction.call.domain;

import io.switchboard.eventstore.decider.RetriesOnConflict;

import java.time.Instant;
import java.util.List;

/**
 * What can be asked of a call. Lifecycle steps carry the provider's timestamp {@code at} (null: none
 * given) and the service's clock {@code now}, so the decider stays pure. Ids of new participants and
 * transfers are allocated by the caller (database sequences) and used only if the step needs them.
 * The provider's steps report facts, and the decider checks each against the state it is applied to, so
 * a step that loses a race with another one is decided again on fresh state instead of failing.
 */
public sealed interface CallCommand permits CallCommand.CreateCall, CallCommand.Queue, CallCommand.Ring,
        CallCommand.Connect, CallCommand.Hold, CallCommand.Resume, CallCommand.StartTransfer, CallCommand.Join,
        CallCommand.Leave, CallCommand.End, CallCommand.RecordVoicemail, CallCommand.UpdateCustomerFlags,
        CallCommand.DialThirdParty {

    /**
     * {@code POST /calls}. {@code dialedNumber} is the number the end user dialled (the support number);
     * a {@code ,digits} suffix on it or on {@code endUserNumber} is the interaction unique id.
     * {@code participantIds} holds ids for the participants a new call starts with (two suffice).
     */
    record CreateCall(long callId, String callType, String lang, String endUserNumber, String dialedNumber,
                      String ticketId, Long agentId, String agentEmail, String outboundNumber, Long menuId,
                      Long parentId, String recordingPermission, Instant scheduledAt, List<Long> participantIds,
                      Instant now) implements CallCommand {
    }

    /** The call reached a queue (from the IVR, at its scheduled time, or back after an unanswered ring). */
    record Queue(Long menuId, Instant at, Instant now) implements CallCommand, RetriesOnConflict {
    }

    /** An agent is rung for a waiting inbound call, or the end user is dialled for an outbound one. */
    record Ring(Long agentId, Instant at, Instant now) implements CallCommand, RetriesOnConflict {
    }

    record Connect(Long agentId, long newParticipantId, Instant at, Instant now)
            implements CallCommand, RetriesOnConflict {
    }

    record Hold(Instant at, Instant now) implements CallCommand, RetriesOnConflict {
    }

    record Resume(Instant at, Instant now) implements CallCommand, RetriesOnConflict {
    }

    /** {@code targetType}: {@code agent} (toAgentId), {@code team} (toTeamId) or {@code external} (toNumber). */
    record StartTransfer(long transferId, String targetType, Long toAgentId, Long toTeamId, String toNumber,
                         Instant at, Instant now) implements CallCommand, RetriesOnConflict {
    }

    /**
     * A participant joins: the pending one with {@code participantId}, else a pending one of the same
     * type (and user), else a new one with {@code newParticipantId}.
     */
    record Join(Long participantId, String participantType, Long userId, Long endUserId, String phoneNumber,
                long newParticipantId, Instant at, Instant now) implements CallCommand, RetriesOnConflict {
    }

    /** A participant leaves: by {@code participantId}, or the agent {@code userId} on the call. */
    record Leave(Long participantId, Long userId, Instant at, Instant now) implements CallCommand, RetriesOnConflict {
    }

    record End(String disconnectedBy, String failReason, Instant at, Instant now)
            implements CallCommand, RetriesOnConflict {
    }

    record RecordVoicemail(String recordingUrl, Long durationSeconds, String voicemailReason, Instant at, Instant now)
            implements CallCommand, RetriesOnConflict {
    }

    /** Sets the given flags; a null flag keeps its value. Setting a value is safe to retry. */
    record UpdateCustomerFlags(Boolean verifiedCustomer, Boolean badActor, Boolean repeatCustomer, Instant now)
            implements CallCommand, RetriesOnConflict {
    }

    /** {@code PUT /calls/add/{call_id}/dial}: an agent on the call dials a third party. */
    record DialThirdParty(Long agentId, String agentEmail, String outboundNumber, String phoneNumber,
                          long newParticipantId, Instant now) implements CallCommand, RetriesOnConflict {
    }
}
