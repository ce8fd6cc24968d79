package io.switchboard.interaction.agentstatus.messaging;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.consumer.positions.AppliedPositions;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.chat.ChatEvents.ChatAssigned;
import io.switchboard.events.chat.ChatEvents.ChatFinished;
import io.switchboard.events.interaction.CallEvents.CallConnected;
import io.switchboard.events.interaction.CallEvents.CallEnded;
import io.switchboard.events.interaction.CallEvents.ParticipantJoined;
import io.switchboard.events.interaction.CallEvents.ParticipantLeft;
import io.switchboard.eventstore.EventContext;
import io.switchboard.eventstore.decider.CommandRejectedException;
import io.switchboard.interaction.agentstatus.domain.AgentStatusCommand;
import io.switchboard.interaction.agentstatus.domain.AgentStatusCommand.EndWork;
import io.switchboard.interaction.agentstatus.domain.AgentStatusCommand.StartWork;
import io.switchboard.interaction.routing.domain.WorkKind;
import io.switchboard.interaction.agentstatus.store.AgentStatuses;
import io.switchboard.interaction.agentstatus.store.AgentWork;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

/**
 * Agent status follows the work. Call events ({@code CallConnected}, an agent's {@code ParticipantJoined},
 * {@code ParticipantLeft}, {@code CallEnded}) and chat events ({@code ChatAssigned} to an agent,
 * {@code ChatFinished}) become {@code StartWork}/{@code EndWork} on the agents concerned.
 * <p>
 * At-least-once delivery, exactly-once effect: the event's stream position (libs/consumer, read model
 * {@code agent-status}), the agent-work rows and every agent's appended work and status change commit in
 * ONE transaction, so a redelivered event finds its position recorded and changes nothing. (The agent
 * aggregate also ignores a repeated fact, such as a participant joining a call the agent is already on.)
 * An agent unknown to the partner, or one the command cannot apply to, is left as it is: the event is
 * applied without effect for that agent. Anything else fails the transaction and is retried.
 */
@ApplicationScoped
public class WorkEvents {
    public static final String READ_MODEL = "agent-status";
    private static final Logger LOG = Logger.getLogger(WorkEvents.class);

    private final AgentStatuses statuses;
    private final AgentWork work;
    private final Pool pool;
    private final AppliedPositions positions = new AppliedPositions(READ_MODEL);

    public WorkEvents(AgentStatuses statuses, AgentWork work, Pool pool) {
        this.statuses = statuses;
        this.work = work;
        this.pool = pool;
    }

    /** Whether the event concerns an agent's work. */
    public static boolean relevant(Object data) {
        return data instanceof CallConnected connected && connected.agentId() != null
                || data instanceof ParticipantJoined joined && "agent".equals(joined.participantType()) && joined.userId() != null
                || data instanceof ParticipantLeft || data instanceof CallEnded
                || data instanceof ChatAssigned assigned && "agent".equals(assigned.assigneeType())
                || data instanceof ChatFinished;
    }

    /** Applies one call or chat event once; completes with false if it had been applied before. */
    public Uni<Boolean> apply(EventEnvelope envelope) {
        if (!relevant(envelope.data())) {
            return Uni.createFrom().item(Boolean.TRUE); // not about an agent's work: nothing to apply
        }
        return positions.applyOnce(pool, envelope, this::effect);
    }

    private Uni<Void> effect(SqlConnection tx, EventEnvelope envelope) {
        String partner = envelope.partnerId();
        var source = envelope.eventId();
        var at = envelope.occurredAt();
        Object data = envelope.data();
        if (data instanceof CallConnected connected) {
            return start(tx, partner, WorkKind.CALL, connected.callId(), AgentWork.NO_PARTICIPANT, connected.agentId(), envelope);
        }
        if (data instanceof ParticipantJoined joined) {
            return start(tx, partner, WorkKind.CALL, joined.callId(), joined.participantId(), joined.userId(), envelope);
        }
        if (data instanceof ParticipantLeft left) {
            return work.agents(tx, partner, WorkKind.CALL, left.callId(), left.participantId())
                    .flatMap(agents -> each(tx, partner, agents, new EndWork(WorkKind.CALL, left.callId(), source, at), envelope));
        }
        if (data instanceof CallEnded ended) {
            return work.agents(tx, partner, WorkKind.CALL, ended.callId(), null)
                    .flatMap(agents -> each(tx, partner, agents, new EndWork(WorkKind.CALL, ended.callId(), source, at), envelope));
        }
        if (data instanceof ChatAssigned assigned) {
            // A chat handed to another agent is over for the ones who had it before.
            return work.agents(tx, partner, WorkKind.CHAT, assigned.chatId(), null)
                    .flatMap(before -> each(tx, partner, before.stream().filter(id -> id != assigned.assigneeId()).toList(),
                            new EndWork(WorkKind.CHAT, assigned.chatId(), source, at), envelope))
                    .flatMap(ignored -> start(tx, partner, WorkKind.CHAT, assigned.chatId(), AgentWork.NO_PARTICIPANT,
                            assigned.assigneeId(), envelope));
        }
        ChatFinished finished = (ChatFinished) data;
        return work.agents(tx, partner, WorkKind.CHAT, finished.chatId(), null)
                .flatMap(agents -> each(tx, partner, agents, new EndWork(WorkKind.CHAT, finished.chatId(), source, at), envelope));
    }

    private Uni<Void> start(SqlConnection tx, String partner, WorkKind type, long workId, long participantId, long agentId,
                            EventEnvelope envelope) {
        return work.remember(tx, partner, type, workId, participantId, agentId)
                .flatMap(ignored -> each(tx, partner, List.of(agentId),
                        new StartWork(type, workId, envelope.eventId(), envelope.occurredAt()), envelope));
    }

    private Uni<Void> each(SqlConnection tx, String partner, List<Long> agents, AgentStatusCommand command,
                           EventEnvelope envelope) {
        EventContext context = new EventContext(envelope.eventId(), envelope.correlationId(), Map.of());
        return Multi.createFrom().iterable(agents)
                .onItem().transformToUniAndConcatenate(agentId -> statuses.handle(tx, partner, agentId, command, context)
                        .replaceWithVoid()
                        .onFailure(CommandRejectedException.class).recoverWithItem(rejected -> {
                            LOG.debugf("%s %s: agent %d of partner %s is left as it is (%s)", envelope.type(),
                                    envelope.eventId(), agentId, partner, rejected.getMessage());
                            return null;
                        }))
                .collect().asList()
                .replaceWithVoid();
    }
}
