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
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.Decider;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.interaction.call.domain.CallCommand.Connect;
import io.switchboard.interaction.call.domain.CallCommand.CreateCall;
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

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The call aggregate: the Apps API create, the provider's lifecycle steps, customer flags and third-party
 * dialling. Every check happens before any event; an impossible step names the current status.
 */
public final class CallDecider implements Decider<CallCommand, Call, DomainEvent> {
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().-]{5,30}");
    private static final Pattern UNIQUE_ID = Pattern.compile("[0-9]{1,32}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    @Override
    public Call initialState() {
        return Call.NONE;
    }

    @Override
    public List<DomainEvent> decide(CallCommand command, Call call) {
        if (command instanceof CreateCall create) {
            return create(create, call);
        }
        if (!call.exists()) {
            throw new AggregateNotFoundException("call", "");
        }
        if (command instanceof UpdateCustomerFlags flags) {
            return flags(flags, call);
        }
        if (call.status().isEnded()) {
            throw new IllegalTransitionException(call.status().value(), "the call has ended");
        }
        if (command instanceof Queue queue) {
            return queue(queue, call);
        }
        if (command instanceof Ring ring) {
            return ring(ring, call);
        }
        if (command instanceof Connect connect) {
            return connect(connect, call);
        }
        if (command instanceof Hold hold) {
            return hold(hold, call);
        }
        if (command instanceof Resume resume) {
            return resume(resume, call);
        }
        if (command instanceof StartTransfer transfer) {
            return transfer(transfer, call);
        }
        if (command instanceof Join join) {
            return join(join, call);
        }
        if (command instanceof Leave leave) {
            return leave(leave, call);
        }
        if (command instanceof End end) {
            return end(end, call);
        }
        if (command instanceof RecordVoicemail voicemail) {
            return voicemail(voicemail, call);
        }
        return dial((DialThirdParty) command, call);
    }

    // --- create -----------------------------------------------------------------------------------

    private static List<DomainEvent> create(CreateCall create, Call call) {
        if (call.exists()) {
            throw new IllegalTransitionException(call.status().value(), "call " + create.callId() + " already exists");
        }
        if (isBlank(create.callType())) {
            throw new InvalidCommandException("call_type", "Missing parameter");
        }
        CallType type = CallType.parse(create.callType());
        if (type == null) {
            throw new InvalidCommandException("call_type", "Invalid call type");
        }
        String lang = isBlank(create.lang()) ? "en" : create.lang();
        if (!LANGUAGES.contains(lang.split("-")[0])) {
            throw new InvalidCommandException("lang", "Language '" + lang + "' is not found");
        }
        Number endUser = Number.parse(create.endUserNumber(), "end_user_number",
                type == CallType.OUTBOUND ? "end_user_number is not well-formed" : "end_user_number is not well formed");
        Number dialed = Number.parse(create.dialedNumber(), "dialed_number", "dialed_number is not well formed");
        if (type == CallType.OUTBOUND) {
            requireOutbound(create, endUser);
        } else {
            requireInbound(create, type, endUser);
        }
        String permission = recordingPermission(create.recordingPermission());
        String uniqueId = dialed.uniqueId() != null ? dialed.uniqueId() : endUser.uniqueId();
        Instant now = create.now();
        // A ticket wins over a number: the number is resolved from the ticket, not taken from the request.
        String number = create.ticketId() != null && type == CallType.OUTBOUND ? null : endUser.number();
        List<DomainEvent> events = new ArrayList<>();
        events.add(new CallCreated(create.callId(), type.label(), type.initialStatus().value(), create.menuId(), lang,
                number, blankToNull(create.outboundNumber()), create.agentId(), create.parentId(), uniqueId, permission,
                create.scheduledAt(), now, blankToNull(create.agentEmail()), blankToNull(create.ticketId()),
                dialed.number()));
        List<Long> ids = create.participantIds();
        if (ids == null || ids.size() < 2) {
            throw new IllegalArgumentException("a new call needs two participant ids");
        }
        if (type == CallType.OUTBOUND) {
            events.add(new ParticipantAdded(create.callId(), ids.get(0), CallParticipant.AGENT, "waiting",
                    create.agentId(), null, null, now));
        }
        events.add(new ParticipantAdded(create.callId(), ids.get(1), CallParticipant.END_USER, "waiting", null, null,
                number, now));
        if (type == CallType.INBOUND) {
            events.add(new CallQueued(create.callId(), create.menuId(), now));
        }
        return events;
    }

    private static void requireOutbound(CreateCall create, Number endUser) {
        if (isBlank(create.agentEmail()) && create.agentId() == null) {
            throw new InvalidCommandException("agent_email", "Agent email required");
        }
        if (!isBlank(create.agentEmail()) && !EMAIL.matcher(create.agentEmail()).matches()) {
            throw new InvalidCommandException("agent_email", "Not a valid agent email");
        }
        if (create.agentId() != null && create.agentId() <= 0) {
            throw new InvalidCommandException("agent_id", "agent_id must be a positive integer");
        }
        if (isBlank(create.ticketId()) && endUser.number() == null) {
            throw new InvalidCommandException("end_user_number", "ticket_id or end_user_number required");
        }
    }

    private static void requireInbound(CreateCall create, CallType type, Number endUser) {
        if (endUser.number() == null) {
            throw new InvalidCommandException("end_user_number", "end_user_number is required");
        }
        boolean menuOptional = type == CallType.IVR || type == CallType.SCHEDULED && create.parentId() != null;
        if (create.menuId() == null && !menuOptional) {
            throw new InvalidCommandException("menu_id", "menu_id is required");
        }
        if (create.menuId() != null && create.menuId() <= 0) {
            throw new InvalidCommandException("menu_id", "menu_id is not well formed");
        }
        if (type == CallType.SCHEDULED) {
            if (create.scheduledAt() == null) {
                throw new InvalidCommandException("scheduled_at", "scheduled_at is required");
            }
            if (!create.scheduledAt().isAfter(create.now())) {
                throw new InvalidCommandException("scheduled_at", "scheduled_at must be in the future");
            }
        } else if (create.scheduledAt() != null) {
            throw new InvalidCommandException("scheduled_at", "scheduled_at is only for scheduled calls");
        }
    }

    private static String recordingPermission(String value) {
        if (isBlank(value)) {
            return CallCodes.RECORDING_PERMISSIONS.get("recording_permission_not_asked");
        }
        String permission = CallCodes.RECORDING_PERMISSIONS.get(value);
        if (permission == null) {
            throw new InvalidCommandException("recording_permission", "recording_permission must be one of "
                    + String.join(", ", CallCodes.RECORDING_PERMISSIONS.keySet().stream().sorted().toList()));
        }
        return permission;
    }

    /** A phone number as dialled, split from its {@code ,digits} interaction-unique-id suffix. */
    private record Number(String number, String uniqueId) {
        static Number parse(String value, String field, String malformed) {
            if (isBlank(value)) {
                return new Number(null, null);
            }
            int comma = value.indexOf(',');
            String number = (comma < 0 ? value : value.substring(0, comma)).trim();
            String suffix = comma < 0 ? null : value.substring(comma + 1).trim();
            if (!PHONE.matcher(number).matches() || suffix != null && !UNIQUE_ID.matcher(suffix).matches()) {
                throw new InvalidCommandException(field, malformed);
            }
            return new Number(number, suffix);
        }
    }

    // --- lifecycle --------------------------------------------------------------------------------

    private static List<DomainEvent> queue(Queue queue, Call call) {
        boolean fromIvr = call.status() == CallStatus.SELECTING;
        boolean scheduledDue = call.status() == CallStatus.QUEUED && call.queuedAt() == null;
        boolean unanswered = call.status() == CallStatus.CONNECTING && call.type() != CallType.OUTBOUND;
        if (!fromIvr && !scheduledDue && !unanswered) {
            throw illegal(call, "only a call in the IVR, a scheduled call or an unanswered ringing call can be queued");
        }
        Long menuId = queue.menuId() != null ? queue.menuId() : call.menuId();
        if (menuId == null) {
            throw new InvalidCommandException("menu_id", "menu_id is required");
        }
        if (menuId <= 0) {
            throw new InvalidCommandException("menu_id", "menu_id is not well formed");
        }
        return List.of(new CallQueued(call.id(), menuId, at(queue.at(), queue.now(), call)));
    }

    private static List<DomainEvent> ring(Ring ring, Call call) {
        boolean outbound = call.status() == CallStatus.ASSIGNED;
        if (!call.isWaitingForAgent() && !outbound) {
            throw illegal(call, "only a call waiting in a queue (or a new outbound call) can ring");
        }
        Long agentId = ring.agentId() != null ? ring.agentId() : outbound ? call.agentId() : null;
        requirePositive(agentId, "agent_id");
        return List.of(new CallConnecting(call.id(), agentId, at(ring.at(), ring.now(), call)));
    }

    private static List<DomainEvent> connect(Connect connect, Call call) {
        if (call.status() != CallStatus.CONNECTING) {
            throw illegal(call, "only a ringing (connecting) call can connect");
        }
        Long agentId = connect.agentId() != null ? connect.agentId() : call.agentId();
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

    private static List<DomainEvent> hold(Hold hold, Call call) {
        requireConnected(call, "hold");
        if (call.isOnHold()) {
            throw illegal(call, "the call is already on hold");
        }
        return List.of(new CallHeld(call.id(), at(hold.at(), hold.now(), call)));
    }

    private static List<DomainEvent> resume(Resume resume, Call call) {
        requireConnected(call, "resume");
        if (!call.isOnHold()) {
            throw illegal(call, "the call is not on hold");
        }
        Instant at = at(resume.at(), resume.now(), call);
        return List.of(new CallResumed(call.id(), at, holdMillisUntil(call, at)));
    }

    private static List<DomainEvent> transfer(StartTransfer transfer, Call call) {
        requireConnected(call, "transfer");
        String target = transfer.targetType();
        if (isBlank(target) || !CallCodes.TRANSFER_TARGETS.contains(target)) {
            throw new InvalidCommandException("target_type", "target_type must be one of agent, team, external");
        }
        switch (target) {
            case "agent" -> requirePositive(transfer.toAgentId(), "to_agent_id");
            case "team" -> requirePositive(transfer.toTeamId(), "to_team_id");
            default -> {
                if (isBlank(transfer.toNumber()) || !PHONE.matcher(transfer.toNumber()).matches()) {
                    throw new InvalidCommandException("to_number", "to_number is required and must be a well-formed phone number");
                }
            }
        }
        return List.of(new TransferStarted(call.id(), transfer.transferId(), target, call.agentId(),
                target.equals("agent") ? transfer.toAgentId() : null, target.equals("team") ? transfer.toTeamId() : null,
                target.equals("external") ? transfer.toNumber() : null, at(transfer.at(), transfer.now(), call)));
    }

    private static List<DomainEvent> join(Join join, Call call) {
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
                    && !PHONE.matcher(join.phoneNumber()).matches()) {
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

    private static List<DomainEvent> leave(Leave leave, Call call) {
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

    private static List<DomainEvent> end(End end, Call call) {
        String disconnectedBy = isBlank(end.disconnectedBy()) ? "disconnected_by_unknown" : end.disconnectedBy();
        if (!CallCodes.DISCONNECTED_BY.contains(disconnectedBy)) {
            throw new InvalidCommandException("disconnected_by", "disconnected_by must be one of "
                    + String.join(", ", CallCodes.DISCONNECTED_BY));
        }
        boolean connected = call.connectedAt() != null;
        String failReason = isBlank(end.failReason()) ? connected ? "nothing" : "unknown" : end.failReason();
        if (!CallCodes.FAIL_REASONS.contains(failReason)) {
            throw new InvalidCommandException("fail_reason", "fail_reason '" + failReason + "' is not a call fail reason");
        }
        Instant at = at(end.at(), end.now(), call);
        List<DomainEvent> events = new ArrayList<>(leaveAll(call, at));
        long duration = connected ? Duration.between(call.connectedAt(), at).toMillis() : 0;
        events.add(new CallEnded(call.id(), (connected ? CallStatus.FINISHED : CallStatus.FAILED).value(), disconnectedBy,
                failReason, duration, holdMillisUntil(call, at), at));
        return events;
    }

    private static List<DomainEvent> voicemail(RecordVoicemail voicemail, Call call) {
        boolean canLeaveOne = call.type() != CallType.OUTBOUND && (call.status() == CallStatus.SELECTING
                || call.status() == CallStatus.QUEUED || call.status() == CallStatus.CONNECTING
                || call.status() == CallStatus.VOICEMAIL);
        if (!canLeaveOne) {
            throw illegal(call, "only an inbound call that has not connected can go to voicemail");
        }
        if (isBlank(voicemail.recordingUrl()) || !isAbsoluteUri(voicemail.recordingUrl())) {
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

    private static List<DomainEvent> dial(DialThirdParty dial, Call call) {
        requireConnected(call, "dial a third party into");
        if (isBlank(dial.phoneNumber()) || !PHONE.matcher(dial.phoneNumber()).matches()) {
            throw new InvalidCommandException("phone_number", "phone_number is required and must be a well-formed phone number");
        }
        if (!isBlank(dial.agentEmail()) && !EMAIL.matcher(dial.agentEmail()).matches()) {
            throw new InvalidCommandException("agent_email", "Not a valid agent email");
        }
        if (dial.agentId() != null && call.participants().stream().noneMatch(p ->
                p.type().equals(CallParticipant.AGENT) && dial.agentId().equals(p.userId()) && p.isOnCall())) {
            throw illegal(call, "agent " + dial.agentId() + " is not on this call");
        }
        return List.of(new ParticipantAdded(call.id(), dial.newParticipantId(), CallParticipant.THIRD_PARTY, "dialing",
                null, null, dial.phoneNumber(), at(null, dial.now(), call)));
    }

    private static List<DomainEvent> flags(UpdateCustomerFlags update, Call call) {
        if (update.verifiedCustomer() == null && update.badActor() == null && update.repeatCustomer() == null) {
            throw new InvalidCommandException("body", "give at least one of verified_customer, bad_actor, repeat_customer");
        }
        boolean verified = update.verifiedCustomer() != null ? update.verifiedCustomer() : call.verifiedCustomer();
        boolean badActor = update.badActor() != null ? update.badActor() : call.badActor();
        boolean repeat = update.repeatCustomer() != null ? update.repeatCustomer() : call.repeatCustomer();
        if (verified == call.verifiedCustomer() && badActor == call.badActor() && repeat == call.repeatCustomer()) {
            return List.of();
        }
        return List.of(new CallCustomerFlagsUpdated(call.id(), verified, badActor, repeat, update.now()));
    }

    // --- helpers ----------------------------------------------------------------------------------

    /**
     * Everyone still on the call leaves with it. Participants who never joined get no event: consumers
     * read {@code ParticipantLeft} as the end of a time on the call; the end of the call ends their wait.
     */
    private static List<DomainEvent> leaveAll(Call call, Instant at) {
        List<DomainEvent> events = new ArrayList<>();
        for (CallParticipant participant : call.participants()) {
            if (participant.isOnCall()) {
                events.add(new ParticipantLeft(call.id(), participant.id(), at));
            }
        }
        return events;
    }

    private static ParticipantJoined joined(Call call, long id, String type, Long userId, Long endUserId, String phone,
                                            Instant at) {
        return new ParticipantJoined(call.id(), id, type, userId, endUserId, phone, at);
    }

    private static long holdMillisUntil(Call call, Instant at) {
        return call.holdMillis() + (call.heldSince() == null ? 0 : Duration.between(call.heldSince(), at).toMillis());
    }

    /**
     * The time of a step: the provider's {@code at}, which may not go back before the previous step, or
     * (none given) the service's clock, never before the previous step either.
     */
    private static Instant at(Instant given, Instant now, Call call) {
        Instant last = call.lastAt();
        if (given != null) {
            Instant at = given.truncatedTo(ChronoUnit.MILLIS);
            if (last != null && at.isBefore(last)) {
                throw new InvalidCommandException("at", "at " + at + " is earlier than the previous step of the call (" + last + ")");
            }
            return at;
        }
        return last != null && now.isBefore(last) ? last : now;
    }

    private static void requireConnected(Call call, String action) {
        if (call.status() != CallStatus.CONNECTED) {
            throw illegal(call, "cannot " + action + " a call that is not connected");
        }
    }

    private static IllegalTransitionException illegal(Call call, String message) {
        return new IllegalTransitionException(call.status().value(), message);
    }

    private static void requirePositive(Long value, String field) {
        if (value == null || value <= 0) {
            throw new InvalidCommandException(field, field + " is required and must be a positive integer");
        }
    }

    private static boolean isAbsoluteUri(String value) {
        try {
            URI uri = URI.create(value);
            return uri.isAbsolute() && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String blankToNull(String value) {
        return isBlank(value) ? null : value;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    // --- evolve -----------------------------------------------------------------------------------

    @Override
    public Call evolve(Call state, DomainEvent event) {
        Call call = state.copy();
        if (event instanceof CallCreated created) {
            call.id = created.callId();
            call.type = CallType.ofLabel(created.callType());
            call.status = CallStatus.of(created.status());
            call.menuId = created.menuId();
            call.lang = created.lang();
            call.endUserNumber = created.endUserNumber();
            call.outboundNumber = created.outboundNumber();
            call.agentId = created.agentId();
            call.parentId = created.parentId();
            call.interactionUniqueId = created.interactionUniqueId();
            call.recordingPermission = created.recordingPermission();
            call.scheduledAt = created.scheduledAt();
            call.createdAt = created.createdAt();
            call.agentEmail = created.agentEmail();
            call.ticketId = created.ticketId();
            call.supportNumber = created.supportNumber();
            call.assignedAt = call.status == CallStatus.ASSIGNED ? created.createdAt() : null;
            call.disconnectedBy = "disconnected_by_unknown";
            call.failReason = "nothing";
            call.at(created.createdAt());
        } else if (event instanceof CallQueued queued) {
            call.status = CallStatus.QUEUED;
            call.menuId = queued.menuId();
            // Queue time starts when the call first reached a queue, not when an unanswered ring sent it back.
            if (call.queuedAt == null) {
                call.queuedAt = queued.queuedAt();
            }
            call.at(queued.queuedAt());
        } else if (event instanceof CallConnecting connecting) {
            call.status = CallStatus.CONNECTING;
            call.agentId = connecting.agentId();
            call.connectingAt = connecting.connectingAt();
            if (call.assignedAt == null || call.type != CallType.OUTBOUND) {
                call.assignedAt = connecting.connectingAt();
            }
            call.at(connecting.connectingAt());
        } else if (event instanceof CallConnected connected) {
            call.status = CallStatus.CONNECTED;
            call.agentId = connected.agentId();
            call.connectedAt = connected.connectedAt();
            call.at(connected.connectedAt());
        } else if (event instanceof CallHeld held) {
            call.heldSince = held.heldAt();
            call.at(held.heldAt());
        } else if (event instanceof CallResumed resumed) {
            call.heldSince = null;
            call.holdMillis = resumed.holdDurationMillis();
            call.at(resumed.resumedAt());
        } else if (event instanceof TransferStarted transfer) {
            call.addTransfer(new CallTransfer(transfer.transferId(), transfer.targetType(),
                transfer.fromAgentId(), transfer.toAgentId(), transfer.toTeamId(), transfer.toNumber(),
                transfer.createdAt())).at(transfer.createdAt());
        } else if (event instanceof ParticipantAdded added) {
            call.replaceParticipant(new CallParticipant(added.participantId(),
                added.participantType(), added.status(), added.userId(), added.endUserId(), added.phoneNumber(),
                null, null)).at(added.addedAt());
        } else if (event instanceof ParticipantJoined joined) {
            CallParticipant participant = call.participant(joined.participantId()).orElse(new CallParticipant(
                    joined.participantId(), joined.participantType(), "waiting", joined.userId(),
                    joined.endUserId(), joined.phoneNumber(), null, null));
            call.replaceParticipant(participant.joined(joined.connectedAt())).at(joined.connectedAt());
        } else if (event instanceof ParticipantLeft left) {
            call.participant(left.participantId())
                .ifPresent(p -> call.replaceParticipant(p.left(left.endedAt())).at(left.endedAt()));
        } else if (event instanceof CallEnded ended) {
            call.status = CallStatus.of(ended.status());
            call.disconnectedBy = ended.disconnectedBy();
            call.failReason = ended.failReason();
            call.durationMillis = ended.durationMillis();
            call.holdMillis = ended.holdDurationMillis();
            call.heldSince = null;
            call.endedAt = ended.endedAt();
            for (CallParticipant participant : call.participants) {
                if (participant.isPending()) {
                    call.replaceParticipant(participant.left(ended.endedAt()));
                }
            }
            call.at(ended.endedAt());
        } else if (event instanceof VoicemailRecorded voicemail) {
            call.recordingUrl = voicemail.recordingUrl();
            call.voicemailReason = voicemail.voicemailReason();
            call.at(voicemail.recordedAt());
        } else if (event instanceof CallCustomerFlagsUpdated flags) {
            call.verifiedCustomer = flags.verifiedCustomer();
            call.badActor = flags.badActor();
            call.repeatCustomer = flags.repeatCustomer();
        } else {
            return state;
        }
        return call;
    }
}
