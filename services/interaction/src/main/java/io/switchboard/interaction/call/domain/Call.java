package io.switchboard.interaction.call.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state of a call, folded from its events ({@link CallEvolution}); {@code null} fields are not known
 * (yet). Immutable: every step returns a new call, changing only the group of fields it touches.
 */
public record Call(long id, CallType type, CallStatus status, Details details, Handling handling, Timeline times,
                   Outcome outcome, Flags flags, List<CallParticipant> participants, List<CallTransfer> transfers) {

    /** The state of a call that has no events: it does not exist. */
    public static final Call NONE = new Call(0, null, null, null, Handling.NONE, Timeline.NONE, Outcome.NONE,
            Flags.NONE, List.of(), List.of());

    public Call {
        participants = List.copyOf(participants);
        transfers = List.copyOf(transfers);
    }

    /** What the create fixed: nothing later changes it. */
    public record Details(String lang, String endUserNumber, String supportNumber, String interactionUniqueId,
                          String outboundNumber, String agentEmail, String ticketId, Long parentId,
                          String recordingPermission, Instant scheduledAt, Instant createdAt) {
    }

    /** Where the call is handled: its menu (queue) and the agent it rings or is connected to. */
    public record Handling(Long menuId, Long agentId) {
        static final Handling NONE = new Handling(null, null);

        Handling withMenu(Long menu) {
            return new Handling(menu, agentId);
        }

        Handling withAgent(Long agent) {
            return new Handling(menuId, agent);
        }
    }

    /**
     * When each step happened. {@code holdMillis} is the hold time of the holds that ended; {@code lastAt}
     * the latest time of any step, before which a provider's timestamp may not go back.
     */
    public record Timeline(Instant queuedAt, Instant assignedAt, Instant connectingAt, Instant connectedAt,
                           Instant endedAt, Instant heldSince, long holdMillis, Instant lastAt) {
        static final Timeline NONE = new Timeline(null, null, null, null, null, null, 0, null);

        /** A step happened at {@code at}. */
        Timeline at(Instant at) {
            Instant last = at != null && (lastAt == null || at.isAfter(lastAt)) ? at : lastAt;
            return new Timeline(queuedAt, assignedAt, connectingAt, connectedAt, endedAt, heldSince, holdMillis, last);
        }

        Timeline queued(Instant at) {
            return new Timeline(at, assignedAt, connectingAt, connectedAt, endedAt, heldSince, holdMillis, lastAt);
        }

        Timeline assigned(Instant at) {
            return new Timeline(queuedAt, at, connectingAt, connectedAt, endedAt, heldSince, holdMillis, lastAt);
        }

        Timeline connecting(Instant at) {
            return new Timeline(queuedAt, assignedAt, at, connectedAt, endedAt, heldSince, holdMillis, lastAt);
        }

        Timeline connected(Instant at) {
            return new Timeline(queuedAt, assignedAt, connectingAt, at, endedAt, heldSince, holdMillis, lastAt);
        }

        Timeline held(Instant at) {
            return new Timeline(queuedAt, assignedAt, connectingAt, connectedAt, endedAt, at, holdMillis, lastAt);
        }

        /** The hold ended; {@code totalHoldMillis} counts every hold so far. */
        Timeline resumed(long totalHoldMillis) {
            return new Timeline(queuedAt, assignedAt, connectingAt, connectedAt, endedAt, null, totalHoldMillis, lastAt);
        }

        Timeline ended(Instant at, long totalHoldMillis) {
            return new Timeline(queuedAt, assignedAt, connectingAt, connectedAt, at, null, totalHoldMillis, lastAt);
        }
    }

    /** How the call ended (or is to end: the defaults until it does) and what it recorded. */
    public record Outcome(long durationMillis, String disconnectedBy, String failReason, String recordingUrl,
                          String voicemailReason) {
        static final Outcome NONE = new Outcome(0, null, null, null, null);
        static final Outcome NOT_ENDED = new Outcome(0, "disconnected_by_unknown", "nothing", null, null);

        Outcome ended(String by, String reason, long duration) {
            return new Outcome(duration, by, reason, recordingUrl, voicemailReason);
        }

        Outcome voicemail(String url, String reason) {
            return new Outcome(durationMillis, disconnectedBy, failReason, url, reason);
        }
    }

    public record Flags(boolean verifiedCustomer, boolean badActor, boolean repeatCustomer) {
        static final Flags NONE = new Flags(false, false, false);
    }

    Call with(CallStatus newStatus) {
        return new Call(id, type, newStatus, details, handling, times, outcome, flags, participants, transfers);
    }

    Call with(Handling newHandling) {
        return new Call(id, type, status, details, newHandling, times, outcome, flags, participants, transfers);
    }

    Call with(Timeline newTimes) {
        return new Call(id, type, status, details, handling, newTimes, outcome, flags, participants, transfers);
    }

    Call with(Outcome newOutcome) {
        return new Call(id, type, status, details, handling, times, newOutcome, flags, participants, transfers);
    }

    Call with(Flags newFlags) {
        return new Call(id, type, status, details, handling, times, outcome, newFlags, participants, transfers);
    }

    /** A step happened at {@code at}. */
    Call at(Instant at) {
        return with(times.at(at));
    }

    /** The participant replaced by its new state (same id), or added. */
    Call withParticipant(CallParticipant participant) {
        List<CallParticipant> list = new ArrayList<>(participants);
        int index = -1;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id() == participant.id()) {
                index = i;
            }
        }
        if (index < 0) {
            list.add(participant);
        } else {
            list.set(index, participant);
        }
        return new Call(id, type, status, details, handling, times, outcome, flags, list, transfers);
    }

    Call withTransfer(CallTransfer transfer) {
        List<CallTransfer> list = new ArrayList<>(transfers);
        list.add(transfer);
        return new Call(id, type, status, details, handling, times, outcome, flags, participants, list);
    }

    public boolean exists() {
        return status != null;
    }

    public boolean isOnHold() {
        return times.heldSince() != null;
    }

    /** Waiting in a queue for an agent (a scheduled call waits for its time first: not yet queued). */
    public boolean isWaitingForAgent() {
        return status == CallStatus.QUEUED && times.queuedAt() != null;
    }

    public Optional<CallParticipant> participant(long participantId) {
        return participants.stream().filter(p -> p.id() == participantId).findFirst();
    }

    /** Seconds in the queue: from queued_at to connected_at (or the end, if it never connected). */
    public long waitSeconds() {
        Instant until = times.connectedAt() != null ? times.connectedAt() : times.endedAt();
        return times.queuedAt() == null || until == null ? 0 : Duration.between(times.queuedAt(), until).toSeconds();
    }
}
