package io.switchboard.interaction.call.domain;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.interaction.CallEvents.CallCreated;
import io.switchboard.events.interaction.CallEvents.CallQueued;
import io.switchboard.events.interaction.CallEvents.ParticipantAdded;
import io.switchboard.eventstore.decider.FieldChecks;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.interaction.call.domain.CallCommand.CreateCall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.switchboard.eventstore.decider.FieldChecks.blankToNull;
import static io.switchboard.eventstore.decider.FieldChecks.isBlank;

/**
 * The Apps API create ({@code POST /calls}): the call type's own required fields, the numbers and their
 * interaction unique id, and the participants a new call starts with. The messages are the vendor's
 * (docs/api/calls.md#error-messages), including its two spellings of "well formed".
 */
final class CallCreation {
    private CallCreation() {
    }

    static List<DomainEvent> create(CreateCall create, Call call) {
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
        if (!FieldChecks.isLanguage(lang)) {
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
        if (!isBlank(create.agentEmail()) && !FieldChecks.isEmail(create.agentEmail())) {
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
            if (!FieldChecks.isPhone(number) || suffix != null && !FieldChecks.isUniqueId(suffix)) {
                throw new InvalidCommandException(field, malformed);
            }
            return new Number(number, suffix);
        }
    }
}
