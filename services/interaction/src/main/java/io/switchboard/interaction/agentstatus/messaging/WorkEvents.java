package io.switchboard.interaction.agentstatus.messaging;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.chat.ChatEvents.ChatAssigned;
import io.switchboard.events.chat.ChatEvents.ChatFinished;
import io.switchboard.events.interaction.CallEvents.CallConnected;
import io.switchboard.events.interaction.CallEvents.CallEnded;
import io.switchboard.events.interaction.CallEvents.ParticipantJoined;
import io.switchboard.events.interaction.CallEvents.ParticipantLeft;
import io.switchboard.eventstore.EventContext;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.interaction.agentstatus.domain.AgentStatusCommand;
import io.switchboard.interaction.agentstatus.domain.AgentStatusCommand.EndWork;
import io.switchboard.interaction.agentstatus.domain.AgentStatusCommand.StartWork;
import io.switchboard.interaction.agentstatus.domain.WorkType;
import io.switchboard.interaction.agentstatus.store.AgentStatuses;
import io.switchboard.interaction.agentstatus.store.AgentWork;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

/**
 * Agent status follows the work. Call events ({@code CallConnected}, an agent's {@code ParticipantJoined},
 * {@code ParticipantLeft}, {@code CallEnded}) and chat events ({@code ChatAssigned} to an agent,
 * {@code ChatFinished}) become {@code StartWork}/{@code EndWork} on the agents concerned.
 * <p>
 * At-least-once delivery: the work and the status change it causes are appended to the agent's stream
 * in one atomic append that also records the source event id, so a redelivered event (or a repeated
 * fact, such as a participant joining a call the agent is already on) changes nothing. The agent-work
 * table is written idempotently before that. Events of other partners' agents and of unknown agents are
 * skipped.
 */
@ApplicationScoped
public class WorkEvents {
    private static final Logger LOG = Logger.getLogger(WorkEvents.class);

    private final AgentStatuses statuses;
    private final AgentWork work;

    public WorkEvents(AgentStatuses statuses, AgentWork work) {
        this.statuses = statuses;
        this.work = work;
    }

    /** Applies one call or chat event; completes when its effect is stored. */
    public Uni<Void> apply(EventEnvelope envelope) {
        if (envelope == null) {
            return Uni.createFrom().voidItem();
        }
        String partner = envelope.partnerId();
        var source = envelope.eventId();
        var at = envelope.occurredAt();
        Object data = envelope.data();
        if (data instanceof CallConnected connected && connected.agentId() != null) {
            return start(partner, WorkType.CALL, connected.callId(), AgentWork.NO_PARTICIPANT, connected.agentId(), envelope);
        }
        if (data instanceof ParticipantJoined joined && "agent".equals(joined.participantType()) && joined.userId() != null) {
            return start(partner, WorkType.CALL, joined.callId(), joined.participantId(), joined.userId(), envelope);
        }
        if (data instanceof ParticipantLeft left) {
            return work.agents(partner, WorkType.CALL, left.callId(), left.participantId())
                    .flatMap(agents -> each(partner, agents, new EndWork(WorkType.CALL, left.callId(), source, at), envelope));
        }
        if (data instanceof CallEnded ended) {
            return work.agents(partner, WorkType.CALL, ended.callId(), null)
                    .flatMap(agents -> each(partner, agents, new EndWork(WorkType.CALL, ended.callId(), source, at), envelope));
        }
        if (data instanceof ChatAssigned assigned && "agent".equals(assigned.assigneeType())) {
            // A chat handed to another agent is over for the ones who had it before.
            return work.agents(partner, WorkType.CHAT, assigned.chatId(), null)
                    .flatMap(before -> each(partner, before.stream().filter(id -> id != assigned.assigneeId()).toList(),
                            new EndWork(WorkType.CHAT, assigned.chatId(), source, at), envelope))
                    .flatMap(ignored -> start(partner, WorkType.CHAT, assigned.chatId(), AgentWork.NO_PARTICIPANT,
                            assigned.assigneeId(), envelope));
        }
        if (data instanceof ChatFinished finished) {
            return work.agents(partner, WorkType.CHAT, finished.chatId(), null)
                    .flatMap(agents -> each(partner, agents, new EndWork(WorkType.CHAT, finished.chatId(), source, at), envelope));
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> start(String partner, WorkType type, long workId, long participantId, long agentId,
                            EventEnvelope envelope) {
        return work.remember(partner, type, workId, participantId, agentId)
                .flatMap(ignored -> each(partner, List.of(agentId),
                        new StartWork(type, workId, envelope.eventId(), envelope.occurredAt()), envelope));
    }

    private Uni<Void> each(String partner, List<Long> agents, AgentStatusCommand command, EventEnvelope envelope) {
        EventContext context = new EventContext(envelope.eventId(), envelope.correlationId(), Map.of());
        return Multi.createFrom().iterable(agents)
                .onItem().transformToUniAndConcatenate(agentId -> statuses.handle(partner, agentId, command, context)
                        .replaceWithVoid()
                        .onFailure(AggregateNotFoundException.class).recoverWithItem(missing -> {
                            LOG.debugf("%s %s names agent %d, unknown to partner %s; skipped", envelope.type(),
                                    envelope.eventId(), agentId, partner);
                            return null;
                        }))
                .collect().asList()
                .replaceWithVoid();
    }
}
