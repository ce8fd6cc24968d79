package io.switchboard.events.interaction;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventType;

import java.time.Instant;

/**
 * Events of the voice-call aggregate (stream type {@code call}, topic {@code switchboard.interaction}).
 * They carry every timestamp the call-segment metrics are computed from
 * (docs/api/manager.md#call-segment-metrics).
 */
public final class CallEvents {
    public static final String AGGREGATE_TYPE = "call";

    private CallEvents() {
    }

    /**
     * {@code agentEmail}, {@code ticketId} (CRM ticket) and {@code supportNumber} (the dialled number
     * without its interaction-unique-id suffix) were added later; older events read them as null.
     */
    @EventType(name = "CallCreated")
    public record CallCreated(long callId, String callType, String status, Long menuId, String lang,
                              String endUserNumber, String outboundNumber, Long agentId, Long parentId,
                              String interactionUniqueId, String recordingPermission, Instant scheduledAt,
                              Instant createdAt, String agentEmail, String ticketId, String supportNumber)
            implements DomainEvent {

        /** The original field set, kept so that code written against it still compiles. */
        public CallCreated(long callId, String callType, String status, Long menuId, String lang,
                           String endUserNumber, String outboundNumber, Long agentId, Long parentId,
                           String interactionUniqueId, String recordingPermission, Instant scheduledAt,
                           Instant createdAt) {
            this(callId, callType, status, menuId, lang, endUserNumber, outboundNumber, agentId, parentId,
                    interactionUniqueId, recordingPermission, scheduledAt, createdAt, null, null, null);
        }
    }

    @EventType(name = "CallQueued")
    public record CallQueued(long callId, Long menuId, Instant queuedAt) implements DomainEvent {
    }

    /** An agent is being rung. */
    @EventType(name = "CallConnecting")
    public record CallConnecting(long callId, long agentId, Instant connectingAt) implements DomainEvent {
    }

    @EventType(name = "CallConnected")
    public record CallConnected(long callId, Long agentId, Instant connectedAt) implements DomainEvent {
    }

    @EventType(name = "CallHeld")
    public record CallHeld(long callId, Instant heldAt) implements DomainEvent {
    }

    /** {@code holdDurationMillis} is the call's accumulated hold time after this resume. */
    @EventType(name = "CallResumed")
    public record CallResumed(long callId, Instant resumedAt, long holdDurationMillis) implements DomainEvent {
    }

    /** {@code targetType} is {@code agent}, {@code team} or {@code external}. */
    @EventType(name = "TransferStarted")
    public record TransferStarted(long callId, long transferId, String targetType, Long fromAgentId, Long toAgentId,
                                  Long toTeamId, String toNumber, Instant createdAt) implements DomainEvent {
    }

    /** {@code participantType} is {@code agent}, {@code end_user} or {@code third_party}. */
    @EventType(name = "ParticipantJoined")
    public record ParticipantJoined(long callId, long participantId, String participantType, Long userId,
                                    Long endUserId, String phoneNumber, Instant connectedAt) implements DomainEvent {
    }

    @EventType(name = "ParticipantLeft")
    public record ParticipantLeft(long callId, long participantId, Instant endedAt) implements DomainEvent {
    }

    @EventType(name = "CallEnded")
    public record CallEnded(long callId, String status, String disconnectedBy, String failReason,
                            long durationMillis, long holdDurationMillis, Instant endedAt) implements DomainEvent {
    }

    /** {@code voicemailReason} (why the caller left a voicemail) was added later; older events read it as null. */
    @EventType(name = "VoicemailRecorded")
    public record VoicemailRecorded(long callId, String recordingUrl, long durationMillis,
                                    Instant recordedAt, String voicemailReason) implements DomainEvent {

        /** The original field set, kept so that code written against it still compiles. */
        public VoicemailRecorded(long callId, String recordingUrl, long durationMillis, Instant recordedAt) {
            this(callId, recordingUrl, durationMillis, recordedAt, null);
        }
    }

    /**
     * A participant that is expected but not on the call yet: the end user and, for outbound calls, the
     * agent when the call is created ({@code status} {@code waiting}), or a third party being dialled
     * ({@code dialing}). {@link ParticipantJoined} with the same id connects it.
     */
    @EventType(name = "ParticipantAdded")
    public record ParticipantAdded(long callId, long participantId, String participantType, String status,
                                   Long userId, Long endUserId, String phoneNumber, Instant addedAt)
            implements DomainEvent {
    }

    /** The reserved data attributes (customer flags) of a call, after the change. */
    @EventType(name = "CallCustomerFlagsUpdated")
    public record CallCustomerFlagsUpdated(long callId, boolean verifiedCustomer, boolean badActor,
                                           boolean repeatCustomer, Instant updatedAt) implements DomainEvent {
    }
}
