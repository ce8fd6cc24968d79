package io.switchboard.interaction.call.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state of a call, folded from its events; {@code null} fields are not known (yet). Instances are
 * never changed once built: {@link CallDecider#evolve} works on a copy.
 */
public final class Call {
    /** The state of a call that has no events: it does not exist. */
    public static final Call NONE = new Call();

    long id;
    CallType type;
    CallStatus status;
    String lang;
    Long menuId;
    String endUserNumber;
    String supportNumber;
    String interactionUniqueId;
    String outboundNumber;
    Long agentId;
    String agentEmail;
    String ticketId;
    Long parentId;
    String recordingPermission;
    Instant scheduledAt;
    Instant createdAt;
    Instant queuedAt;
    Instant assignedAt;
    Instant connectingAt;
    Instant connectedAt;
    Instant endedAt;
    Instant heldSince;
    long holdMillis;
    long durationMillis;
    String disconnectedBy;
    String failReason;
    String recordingUrl;
    String voicemailReason;
    boolean verifiedCustomer;
    boolean badActor;
    boolean repeatCustomer;
    List<CallParticipant> participants = List.of();
    List<CallTransfer> transfers = List.of();
    /** The latest time of any step so far: a provider's timestamp may not go back before it. */
    Instant lastAt;

    private Call() {
    }

    Call copy() {
        Call c = new Call();
        c.id = id;
        c.type = type;
        c.status = status;
        c.lang = lang;
        c.menuId = menuId;
        c.endUserNumber = endUserNumber;
        c.supportNumber = supportNumber;
        c.interactionUniqueId = interactionUniqueId;
        c.outboundNumber = outboundNumber;
        c.agentId = agentId;
        c.agentEmail = agentEmail;
        c.ticketId = ticketId;
        c.parentId = parentId;
        c.recordingPermission = recordingPermission;
        c.scheduledAt = scheduledAt;
        c.createdAt = createdAt;
        c.queuedAt = queuedAt;
        c.assignedAt = assignedAt;
        c.connectingAt = connectingAt;
        c.connectedAt = connectedAt;
        c.endedAt = endedAt;
        c.heldSince = heldSince;
        c.holdMillis = holdMillis;
        c.durationMillis = durationMillis;
        c.disconnectedBy = disconnectedBy;
        c.failReason = failReason;
        c.recordingUrl = recordingUrl;
        c.voicemailReason = voicemailReason;
        c.verifiedCustomer = verifiedCustomer;
        c.badActor = badActor;
        c.repeatCustomer = repeatCustomer;
        c.participants = participants;
        c.transfers = transfers;
        c.lastAt = lastAt;
        return c;
    }

    /** Records that a step happened at {@code at}. */
    Call at(Instant at) {
        if (at != null && (lastAt == null || at.isAfter(lastAt))) {
            lastAt = at;
        }
        return this;
    }

    Call replaceParticipant(CallParticipant participant) {
        List<CallParticipant> list = new ArrayList<>(participants);
        boolean replaced = false;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id() == participant.id()) {
                list.set(i, participant);
                replaced = true;
            }
        }
        if (!replaced) {
            list.add(participant);
        }
        participants = List.copyOf(list);
        return this;
    }

    Call addTransfer(CallTransfer transfer) {
        List<CallTransfer> list = new ArrayList<>(transfers);
        list.add(transfer);
        transfers = List.copyOf(list);
        return this;
    }

    public boolean exists() {
        return status != null;
    }

    public boolean isOnHold() {
        return heldSince != null;
    }

    /** Waiting in a queue for an agent (a scheduled call waits for its time first: not yet queued). */
    public boolean isWaitingForAgent() {
        return status == CallStatus.QUEUED && queuedAt != null;
    }

    public Optional<CallParticipant> participant(long participantId) {
        return participants.stream().filter(p -> p.id() == participantId).findFirst();
    }

    /** Seconds in the queue: from queued_at to connected_at (or the end, if it never connected). */
    public long waitSeconds() {
        Instant until = connectedAt != null ? connectedAt : endedAt;
        return queuedAt == null || until == null ? 0 : Duration.between(queuedAt, until).toSeconds();
    }

    public long id() { return id; }
    public CallType type() { return type; }
    public CallStatus status() { return status; }
    public String lang() { return lang; }
    public Long menuId() { return menuId; }
    public String endUserNumber() { return endUserNumber; }
    public String supportNumber() { return supportNumber; }
    public String interactionUniqueId() { return interactionUniqueId; }
    public String outboundNumber() { return outboundNumber; }
    public Long agentId() { return agentId; }
    public String agentEmail() { return agentEmail; }
    public String ticketId() { return ticketId; }
    public Long parentId() { return parentId; }
    public String recordingPermission() { return recordingPermission; }
    public Instant scheduledAt() { return scheduledAt; }
    public Instant createdAt() { return createdAt; }
    public Instant queuedAt() { return queuedAt; }
    public Instant assignedAt() { return assignedAt; }
    public Instant connectingAt() { return connectingAt; }
    public Instant connectedAt() { return connectedAt; }
    public Instant endedAt() { return endedAt; }
    public Instant heldSince() { return heldSince; }
    public long holdMillis() { return holdMillis; }
    public long durationMillis() { return durationMillis; }
    public String disconnectedBy() { return disconnectedBy; }
    public String failReason() { return failReason; }
    public String recordingUrl() { return recordingUrl; }
    public String voicemailReason() { return voicemailReason; }
    public boolean verifiedCustomer() { return verifiedCustomer; }
    public boolean badActor() { return badActor; }
    public boolean repeatCustomer() { return repeatCustomer; }
    public List<CallParticipant> participants() { return participants; }
    public List<CallTransfer> transfers() { return transfers; }
    public Instant lastAt() { return lastAt; }
}
