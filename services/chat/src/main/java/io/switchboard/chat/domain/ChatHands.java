package io.switchboard.chat.domain;

import io.switchboard.chat.domain.Chat.Escalation;
import io.switchboard.chat.domain.Chat.Hands;
import io.switchboard.chat.domain.ChatCommand.Assign;
import io.switchboard.chat.domain.ChatCommand.Claim;
import io.switchboard.chat.domain.ChatCommand.Release;
import io.switchboard.chat.domain.ChatCommand.RequestEscalation;
import io.switchboard.chat.domain.ChatCommand.UpdateEscalation;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.chat.ChatEvents.ChatAssigned;
import io.switchboard.events.chat.ChatEvents.ChatClaimed;
import io.switchboard.events.chat.ChatEvents.ChatReleased;
import io.switchboard.events.chat.ChatEvents.EscalationRequested;
import io.switchboard.events.chat.ChatEvents.EscalationUpdated;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.FieldChecks;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who has the chat: an agent's claim and release, the router's decisions (a virtual agent first, then a
 * human; late or repeated decisions change nothing) and the virtual agent's escalations to a human.
 */
final class ChatHands {
    static final String AGENT = "agent";
    static final String VIRTUAL_AGENT = "virtual_agent";
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private ChatHands() {
    }

    static List<DomainEvent> claim(Claim claim, Chat chat) {
        Long agentId = Actor.actingAs(claim.agentId(), claim.actor(), "agent_id");
        FieldChecks.requirePositive(agentId, "agent_id");
        if (chat.status() != ChatStatus.QUEUED) {
            throw new IllegalTransitionException(chat.status().value(), "only a queued chat can be claimed");
        }
        if (agentId.equals(chat.hands().claimedBy())) {
            return List.of();
        }
        if (chat.hands().claimedBy() != null) {
            throw new IllegalTransitionException(chat.status().value(), "chat is already claimed by agent " + chat.hands().claimedBy());
        }
        return List.of(new ChatClaimed(chat.id(), agentId, claim.now()));
    }

    static ChatReleased release(Release release, Chat chat) {
        Actor actor = release.actor();
        Long agentId = actor.forOthers() && release.agentId() == null ? chat.hands().claimedBy()
                : Actor.actingAs(release.agentId(), actor, "agent_id");
        if (chat.hands().claimedBy() == null) {
            throw new IllegalTransitionException(chat.status().value(), "chat is not claimed");
        }
        if (!chat.hands().claimedBy().equals(agentId)) {
            throw new IllegalTransitionException(chat.status().value(),
                    "chat is claimed by agent " + chat.hands().claimedBy() + ", not by agent " + agentId);
        }
        return new ChatReleased(chat.id(), agentId, release.now());
    }

    static List<DomainEvent> assign(Assign assign, Chat chat) {
        if (!AGENT.equals(assign.assigneeType()) && !VIRTUAL_AGENT.equals(assign.assigneeType())) {
            throw new InvalidCommandException("assignee_type", "assignee_type must be agent or virtual_agent");
        }
        FieldChecks.requirePositive(assign.assigneeId(), "assignee_id");
        Hands hands = chat.hands();
        if (!chat.isOpen() || assign.routingVersion() <= hands.routingVersion()) {
            return List.of();
        }
        boolean toAgent = AGENT.equals(assign.assigneeType());
        Long current = toAgent ? hands.agentId() : hands.virtualAgentId();
        // A bot comes first: once a human has the chat, a virtual agent does not take it back.
        if (Long.valueOf(assign.assigneeId()).equals(current) || (!toAgent && chat.status() == ChatStatus.ASSIGNED)) {
            return List.of();
        }
        int segment = hands.anyone() ? chat.hands().segment() + 1 : chat.hands().segment();
        List<DomainEvent> events = new ArrayList<>();
        events.add(new ChatAssigned(chat.id(), assign.assigneeType(), assign.assigneeId(), assign.assigneeName(), segment,
                "router", assign.now(), assign.routingVersion()));
        if (toAgent) {
            Long escalationId = assign.escalationId() != null ? assign.escalationId()
                    : chat.pendingEscalation().map(Escalation::id).orElse(null);
            Escalation escalation = escalationId == null ? null : chat.escalations().get(escalationId);
            if (escalation != null && Escalation.PENDING.equals(escalation.status())) {
                events.add(new EscalationUpdated(chat.id(), escalation.id(), null, Escalation.ESCALATED, assign.now()));
            }
        }
        return events;
    }

    static EscalationRequested escalate(RequestEscalation request, Chat chat) {
        ChatUpdates.requireOpen(chat, "escalate");
        if (chat.status() != ChatStatus.VA_ASSIGNED) {
            throw new IllegalTransitionException(chat.status().value(), "only a chat held by a virtual agent can be escalated");
        }
        if (FieldChecks.isBlank(request.reason()) || request.reason().length() > 255) {
            throw new InvalidCommandException("reason", "reason is required (at most 255 characters)");
        }
        chat.pendingEscalation().ifPresent(pending -> {
            throw new IllegalTransitionException(chat.status().value(), "escalation " + pending.id() + " is still pending");
        });
        return new EscalationRequested(chat.id(), request.escalationId(), request.reason(),
                Boolean.TRUE.equals(request.forceEscalate()), Escalation.PENDING, request.now());
    }

    static List<DomainEvent> updateEscalation(UpdateEscalation update, Chat chat) {
        Escalation escalation = chat.escalations().get(update.escalationId());
        if (escalation == null) {
            throw new AggregateNotFoundException("escalation", Long.toString(update.escalationId()));
        }
        if (update.deflectionChannel() == null || !CHANNEL.matcher(update.deflectionChannel()).matches()) {
            throw new InvalidCommandException("deflection_channel",
                    "deflection_channel is required: lower-case letters, digits and '_' (e.g. voicemail, email)");
        }
        ChatUpdates.requireOpen(chat, "deflect");
        if (Escalation.ESCALATED.equals(escalation.status())) {
            throw new IllegalTransitionException(escalation.status(), "escalation " + escalation.id() + " already reached an agent");
        }
        if (update.deflectionChannel().equals(escalation.deflectionChannel())) {
            return List.of();
        }
        return List.of(new EscalationUpdated(chat.id(), escalation.id(), update.deflectionChannel(), Escalation.DEFLECTED,
                update.now()));
    }
}
