package io.switchboard.interaction.call.domain;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.interaction.CallEvents.CallConnected;
import io.switchboard.events.interaction.CallEvents.CallConnecting;
import io.switchboard.events.interaction.CallEvents.CallCreated;
import io.switchboard.events.interaction.CallEvents.CallCustomerFlagsUpdated;
import io.switchboard.events.interaction.CallEvents.CallEnded;
import io.switchboard.events.interaction.CallEvents.CallHeld;
import io.switchboard.events.interaction.CallEvents.CallQueued;
import io.switchboard.events.interaction.CallEvents.CallResumed;
import io.switchboard.events.interaction.CallEvents.ParticipantAdded;
import io.switchboard.events.interaction.CallEvents.ParticipantJoined;
import io.switchboard.events.interaction.CallEvents.ParticipantLeft;
import io.switchboard.events.interaction.CallEvents.TransferStarted;
import io.switchboard.events.interaction.CallEvents.VoicemailRecorded;
import io.switchboard.interaction.call.domain.Call.Details;
import io.switchboard.interaction.call.domain.Call.Flags;
import io.switchboard.interaction.call.domain.Call.Handling;
import io.switchboard.interaction.call.domain.Call.Outcome;
import io.switchboard.interaction.call.domain.Call.Timeline;

import java.util.List;

/** A call's events folded into its state: each event changes the group of fields it is about. */
final class CallEvolution {
    private CallEvolution() {
    }

    static Call evolve(Call call, DomainEvent event) {
        if (event instanceof CallCreated created) {
            CallStatus status = CallStatus.of(created.status());
            Timeline times = Timeline.NONE.assigned(status == CallStatus.ASSIGNED ? created.createdAt() : null);
            return new Call(created.callId(), CallType.ofLabel(created.callType()), status,
                    new Details(created.lang(), created.endUserNumber(), created.supportNumber(),
                            created.interactionUniqueId(), created.outboundNumber(), created.agentEmail(),
                            created.ticketId(), created.parentId(), created.recordingPermission(), created.scheduledAt(),
                            created.createdAt()),
                    new Handling(created.menuId(), created.agentId()), times.at(created.createdAt()), Outcome.NOT_ENDED,
                    Flags.NONE, List.of(), List.of());
        }
        if (event instanceof CallQueued queued) {
            Timeline times = call.times();
            // Queue time starts when the call first reached a queue, not when an unanswered ring sent it back.
            if (times.queuedAt() == null) {
                times = times.queued(queued.queuedAt());
            }
            return call.with(CallStatus.QUEUED).with(call.handling().withMenu(queued.menuId()))
                    .with(times.at(queued.queuedAt()));
        }
        if (event instanceof CallConnecting connecting) {
            Timeline times = call.times().connecting(connecting.connectingAt());
            // An outbound call was assigned when it was created; an inbound one when an agent is rung.
            if (times.assignedAt() == null || call.type() != CallType.OUTBOUND) {
                times = times.assigned(connecting.connectingAt());
            }
            return call.with(CallStatus.CONNECTING).with(call.handling().withAgent(connecting.agentId()))
                    .with(times.at(connecting.connectingAt()));
        }
        if (event instanceof CallConnected connected) {
            return call.with(CallStatus.CONNECTED).with(call.handling().withAgent(connected.agentId()))
                    .with(call.times().connected(connected.connectedAt()).at(connected.connectedAt()));
        }
        if (event instanceof CallHeld held) {
            return call.with(call.times().held(held.heldAt()).at(held.heldAt()));
        }
        if (event instanceof CallResumed resumed) {
            return call.with(call.times().resumed(resumed.holdDurationMillis()).at(resumed.resumedAt()));
        }
        if (event instanceof TransferStarted transfer) {
            return call.withTransfer(new CallTransfer(transfer.transferId(), transfer.targetType(),
                    transfer.fromAgentId(), transfer.toAgentId(), transfer.toTeamId(), transfer.toNumber(),
                    transfer.createdAt())).at(transfer.createdAt());
        }
        if (event instanceof ParticipantAdded added) {
            return call.withParticipant(new CallParticipant(added.participantId(), added.participantType(),
                    added.status(), added.userId(), added.endUserId(), added.phoneNumber(), null, null))
                    .at(added.addedAt());
        }
        if (event instanceof ParticipantJoined joined) {
            CallParticipant participant = call.participant(joined.participantId()).orElse(new CallParticipant(
                    joined.participantId(), joined.participantType(), "waiting", joined.userId(),
                    joined.endUserId(), joined.phoneNumber(), null, null));
            return call.withParticipant(participant.joined(joined.connectedAt())).at(joined.connectedAt());
        }
        if (event instanceof ParticipantLeft left) {
            return call.participant(left.participantId())
                    .map(p -> call.withParticipant(p.left(left.endedAt())).at(left.endedAt()))
                    .orElse(call);
        }
        if (event instanceof CallEnded ended) {
            Call done = call.with(CallStatus.of(ended.status()))
                    .with(call.outcome().ended(ended.disconnectedBy(), ended.failReason(), ended.durationMillis()))
                    .with(call.times().ended(ended.endedAt(), ended.holdDurationMillis()));
            // Who never joined stops waiting when the call ends.
            for (CallParticipant participant : call.participants()) {
                if (participant.isPending()) {
                    done = done.withParticipant(participant.left(ended.endedAt()));
                }
            }
            return done.at(ended.endedAt());
        }
        if (event instanceof VoicemailRecorded voicemail) {
            return call.with(call.outcome().voicemail(voicemail.recordingUrl(), voicemail.voicemailReason()))
                    .at(voicemail.recordedAt());
        }
        if (event instanceof CallCustomerFlagsUpdated flags) {
            return call.with(new Flags(flags.verifiedCustomer(), flags.badActor(), flags.repeatCustomer()));
        }
        // A call stream holds only call events; anything else (a newer event type) leaves the state as it is.
        return call;
    }
}
