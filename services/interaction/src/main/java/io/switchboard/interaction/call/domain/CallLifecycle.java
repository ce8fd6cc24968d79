package io.switchboard.interaction.call.domain;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.interaction.CallEvents.CallConnected;
import io.switchboard.events.interaction.CallEvents.CallConnecting;
import io.switchboard.events.interaction.CallEvents.CallCustomerFlagsUpdated;
import io.switchboard.events.interaction.CallEvents.CallEnded;
import io.switchboard.events.interaction.CallEvents.CallHeld;
import io.switchboard.events.interaction.CallEvents.CallQueued;
import io.switchboard.events.interaction.CallEvents.CallResumed;
import io.switchboard.events.interaction.CallEvents.ParticipantAdded;
import io.switchboard.events.interaction.CallEvents.ParticipantLeft;
import io.switchboard.events.interaction.CallEvents.TransferStarted;
import io.switchboard.events.interaction.CallEvents.VoicemailRecorded;
import io.switchboard.eventstore.decider.FieldChecks;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.interaction.call.domain.CallCommand.Connect;
import io.switchboard.interaction.call.domain.CallCommand.DialThirdParty;
import io.switchboard.interaction.call.domain.CallCommand.End;
import io.switchboard.interaction.call.domain.CallCommand.Hold;
import io.switchboard.interaction.call.domain.CallCommand.Join;
import io.switchboard.interaction.call.domain.CallCommand.Leave;
import io.switchboard.interaction.call.domain.CallCommand.Queue;
import io.switchboard.interaction.call.domain.CallCommand.RecordVoicemail;
import io.switchboard.interaction.call.domain.CallCommand.Resume;
import io.switchboard.interaction.call.domain.CallCommand.Ring;
import io.switchboard.interaction.call.domain.CallCommand.StartTransfer;
import io.switchboard.interaction.call.domain.CallCommand.UpdateCustomerFlags;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.switchboard.eventstore.decider.FieldChecks.isBlank;
import static io.switchboard.eventstore.decider.FieldChecks.requirePositive;
import static io.switchboard.interaction.call.domain.CallSteps.at;
import static io.switchboard.interaction.call.domain.CallSteps.holdMillisUntil;
import static io.switchboard.interaction.call.domain.CallSteps.illegal;
import static io.switchboard.interaction.call.domain.CallSteps.joined;
import static io.switchboard.interaction.call.domain.CallSteps.leaveAll;
import static io.switchboard.interaction.call.domain.CallSteps.requireConnected;

/**
 * The steps of a call that exists: the provider's lifecycle (queue, ring, connect, hold, transfer,
 * participants, end, voicemail), third-party dialling and customer flags. Each checks the step against
 * the current status first; an impossible one names that status (409).
 */
final class CallLifecycle {
    private CallLifecycle() {
    }

    static List<DomainEvent> queue(Queue queue, Call call) {
        boolean fromIvr = call.status() == CallStatus.SELECTING;
        boolean scheduledDue = call.status() == CallStatus.QUEUED && call.times().queuedAt() == null;
        boolean unanswered = call.status() == CallStatus.CONNECTING && call.type() != CallType.OUTBOUND;
        if (!fromIvr && !scheduledDue && !unanswered) {
            throw illegal(call, "only a call in the IVR, a scheduled call or an unanswered ringing call can be queued");
        }
        Long menuId = queue.menuId() != null ? queue.menuId() : call.handling().menuId();
        if (menuId == null) {
            throw new InvalidCommandException("menu_id", "menu_id is required");
        }
        if (menuId <= 0) {
            throw new InvalidCommandException("menu_id", "menu_id is not well formed");
        }
        return List.of(new CallQueued(call.id(), menuId, at(queue.at(), queue.now(), call)));
    }

    static List<DomainEvent> ring(Ring ring, Call call) {
        boolean outbound = call.status() == CallStatus.ASSIGNED;
        if (!call.isWaitingForAgent() && !outbound) {
            throw illegal(call, "only a call waiting in a queue (or a new outbound call) can ring");
        }
        Long agentId = ring.agentId() != null ? ring.agentId() : outbound ? call.handling().agentId() : null;
        requirePositive(agentId, "agent_id");
        return List.of(new CallConnecting(call.id(), agentId, at(ring.at(), ring.now(), call)));
    }

    static List<DomainEvent> connect(Connect connect, Call call) {
        if (call.status() != CallStatus.CONNECTING) {
            throw illegal(call, "only a ringing (connecting) call can connect");
        }
        Long agentId = connect.agentId() != null ? connect.agentId() : call.handling().agentId();
        requirePositive(agentId, "agent_id");
        Instant at = at(connect.at(), connect.now(), call);
        List<DomainEvent> events = new ArrayList<>();
        events.add(new CallConnected(call.id(), agentId, at));
        for (CallParticipant endUser : call.participants()) {
            if (endUser.type().equals(CallParticipant.END_USER) && endUser.isPending()) {
                events.add(joined(call, endUser.id(), endUser.type(), endUser.userId(), endUser.endUserId(),
                        endUser.phoneNumber(), at));
            }
        }
        Optional<CallParticipant> waitingAgent = call.participants().stream()
                .filter(p -> p.type().equals(CallParticipant.AGENT) && p.isPending() && agentId.equals(p.userId()))
                .findFirst();
        long agentParticipant = waitingAgent.map(CallParticipant::id).orElse(connect.newParticipantId());
        events.add(joined(call, agentParticipant, CallParticipant.AGENT, agentId, null, null, at));
        return events;
    }

    static List<DomainEvent> hold(Hold hold, Call call) {
        requireConnected(call, "hold");
        if (call.isOnHold()) {
            throw illegal(call, "the call is already on hold");
        }
        return List.of(new CallHeld(call.id(), at(hold.at(), hold.now(), call)));
    }

    static List<DomainEvent> resume(Resume resume, Call call) {
        requireConnected(call, "resume");
        if (!call.isOnHold()) {
            throw illegal(call, "the call is not on hold");
        }
        Instant at = at(resume.at(), resume.now(), call);
        return List.of(new CallResumed(call.id(), at, holdMillisUntil(call, at)));
    }

    static List<DomainEvent> transfer(StartTransfer transfer, Call call) {
        requireConnected(call, "transfer");
        String target = transfer.targetType();
        if (isBlank(target) || !CallCodes.TRANSFER_TARGETS.contains(target)) {
            throw new InvalidCommandException("target_type", "target_type must be one of agent, team, external");
        }
        switch (target) {
            case "agent" -> requirePositive(transfer.toAgentId(), "to_agent_id");
            case "team" -> requirePositive(transfer.toTeamId(), "to_team_id");
            default -> {
                if (isBlank(transfer.toNumber()) || !FieldChecks.isPhone(transfer.toNumber())) {
                    throw new InvalidCommandException("to_number", "to_number is required and must be a well-formed phone number");
                }
            }
        }
        return List.of(new TransferStarted(call.id(), transfer.transferId(), target, call.handling().agentId(),
                target.equals("agent") ? transfer.toAgentId() : null, target.equals("team") ? transfer.toTeamId() : null,
                target.equals("external") ? transfer.toNumber() : null, at(transfer.at(), transfer.now(), call)));
    }

    static List<DomainEvent> join(Join join, Call call) {
        requireConnected(call, "add a participant to");
        CallParticipant pending = null;
        if (join.participantId() != null) {
            CallParticipant known = call.participant(join.participantId()).orElseThrow(() -> new InvalidCommandException(
                    "participant_id", "participant " + join.participantId() + " is not a participant of this call"));
            if (!known.isPending()) {
                throw illegal(call, "participant " + known.id() + " has already " + (known.isOnCall() ? "joined" : "left"));
            }
            pending = known;
        } else {
            String type = join.participantType();
            if (!CallParticipant.AGENT.equals(type) && !CallParticipant.END_USER.equals(type)
                    && !CallParticipant.THIRD_PARTY.equals(type)) {
                throw new InvalidCommandException("participant_type", "participant_type must be one of agent, end_user, third_party");
            }
            if (type.equals(CallParticipant.AGENT)) {
                requirePositive(join.userId(), "user_id");
                boolean onCall = call.participants().stream().anyMatch(p -> p.type().equals(CallParticipant.AGENT)
                        && join.userId().equals(p.userId()) && p.isOnCall());
                if (onCall) {
                    throw illegal(call, "agent " + join.userId() + " is already on the call");
                }
            }
            if (type.equals(CallParticipant.THIRD_PARTY) && join.phoneNumber() != null
                    && !FieldChecks.isPhone(join.phoneNumber())) {
                throw new InvalidCommandException("phone_number", "phone_number is not a well-formed phone number");
            }
            pending = call.participants().stream()
                    .filter(p -> p.isPending() && p.type().equals(type)
                            && (!type.equals(CallParticipant.AGENT) || join.userId().equals(p.userId())))
                    .findFirst().orElse(null);
        }
        Instant at = at(join.at(), join.now(), call);
        if (pending != null) {
            return List.of(joined(call, pending.id(), pending.type(), pending.userId(), pending.endUserId(),
                    pending.phoneNumber(), at));
        }
        return List.of(joined(call, join.newParticipantId(), join.participantType(), join.userId(), join.endUserId(),
                join.phoneNumber(), at));
    }

    static List<DomainEvent> leave(Leave leave, Call call) {
        if (leave.participantId() == null && leave.userId() == null) {
            throw new InvalidCommandException("participant_id", "participant_id (or the agent's user_id) is required");
        }
        Optional<CallParticipant> participant = leave.participantId() != null
                ? call.participant(leave.participantId())
                : call.participants().stream().filter(p -> p.type().equals(CallParticipant.AGENT)
                        && leave.userId().equals(p.userId()) && p.isOnCall()).findFirst();
        String who = leave.participantId() != null ? "participant " + leave.participantId() : "agent " + leave.userId();
        if (participant.isEmpty() || participant.get().connectedAt() == null) {
            throw illegal(call, who + " never joined the call");
        }
        if (participant.get().endedAt() != null) {
            throw illegal(call, who + " has already left the call");
        }
        return List.of(new ParticipantLeft(call.id(), participant.get().id(), at(leave.at(), leave.now(), call)));
    }

    static List<DomainEvent> end(End end, Call call) {
        String disconnectedBy = isBlank(end.disconnectedBy()) ? "disconnected_by_unknown" : end.disconnectedBy();
        if (!CallCodes.DISCONNECTED_BY.contains(disconnectedBy)) {
            throw new InvalidCommandException("disconnected_by", "disconnected_by must be one of "
                    + String.join(", ", CallCodes.DISCONNECTED_BY));
        }
        boolean connected = call.times().connectedAt() != null;
        String failReason = isBlank(end.failReason()) ? connected ? "nothing" : "unknown" : end.failReason();
        if (!CallCodes.FAIL_REASONS.contains(failReason)) {
            throw new InvalidCommandException("fail_reason", "fail_reason '" + failReason + "' is not a call fail reason");
        }
        Instant at = at(end.at(), end.now(), call);
        List<DomainEvent> events = new ArrayList<>(leaveAll(call, at));
        long duration = connected ? Duration.between(call.times().connectedAt(), at).toMillis() : 0;
        events.add(new CallEnded(call.id(), (connected ? CallStatus.FINISHED : CallStatus.FAILED).value(), disconnectedBy,
                failReason, duration, holdMillisUntil(call, at), at));
        return events;
    }

    static List<DomainEvent> voicemail(RecordVoicemail voicemail, Call call) {
        boolean canLeaveOne = call.type() != CallType.OUTBOUND && (call.status() == CallStatus.SELECTING
                || call.status() == CallStatus.QUEUED || call.status() == CallStatus.CONNECTING
                || call.status() == CallStatus.VOICEMAIL);
        if (!canLeaveOne) {
            throw illegal(call, "only an inbound call that has not connected can go to voicemail");
        }
        if (isBlank(voicemail.recordingUrl()) || !FieldChecks.isAbsoluteUri(voicemail.recordingUrl())) {
            throw new InvalidCommandException("recording_url", "recording_url is required and must be an absolute URL");
        }
        if (voicemail.durationSeconds() != null && voicemail.durationSeconds() < 0) {
            throw new InvalidCommandException("duration", "duration must not be negative");
        }
        Instant at = at(voicemail.at(), voicemail.now(), call);
        long millis = voicemail.durationSeconds() == null ? 0 : voicemail.durationSeconds() * 1000;
        String reason = isBlank(voicemail.voicemailReason()) ? "voicemail" : voicemail.voicemailReason();
        List<DomainEvent> events = new ArrayList<>();
        events.add(new VoicemailRecorded(call.id(), voicemail.recordingUrl(), millis, at, reason));
        events.addAll(leaveAll(call, at));
        events.add(new CallEnded(call.id(), CallStatus.VOICEMAIL_RECEIVED.value(), "disconnected_by_end_user", "nothing",
                0, 0, at));
        return events;
    }

    static List<DomainEvent> dial(DialThirdParty dial, Call call) {
        requireConnected(call, "dial a third party into");
        if (isBlank(dial.phoneNumber()) || !FieldChecks.isPhone(dial.phoneNumber())) {
            throw new InvalidCommandException("phone_number", "phone_number is required and must be a well-formed phone number");
        }
        if (!isBlank(dial.agentEmail()) && !FieldChecks.isEmail(dial.agentEmail())) {
            throw new InvalidCommandException("agent_email", "Not a valid agent email");
        }
        if (dial.agentId() != null && call.participants().stream().noneMatch(p ->
                p.type().equals(CallParticipant.AGENT) && dial.agentId().equals(p.userId()) && p.isOnCall())) {
            throw illegal(call, "agent " + dial.agentId() + " is not on this call");
        }
        return List.of(new ParticipantAdded(call.id(), dial.newParticipantId(), CallParticipant.THIRD_PARTY, "dialing",
                null, null, dial.phoneNumber(), at(null, dial.now(), call)));
    }

    static List<DomainEvent> flags(UpdateCustomerFlags update, Call call) {
        if (update.verifiedCustomer() == null && update.badActor() == null && update.repeatCustomer() == null) {
            throw new InvalidCommandException("body", "give at least one of verified_customer, bad_actor, repeat_customer");
        }
        boolean verified = update.verifiedCustomer() != null ? update.verifiedCustomer() : call.flags().verifiedCustomer();
        boolean badActor = update.badActor() != null ? update.badActor() : call.flags().badActor();
        boolean repeat = update.repeatCustomer() != null ? update.repeatCustomer() : call.flags().repeatCustomer();
        if (verified == call.flags().verifiedCustomer() && badActor == call.flags().badActor() && repeat == call.flags().repeatCustomer()) {
            return List.of();
        }
        return List.of(new CallCustomerFlagsUpdated(call.id(), verified, badActor, repeat, update.now()));
    }
}
