package io.switchboard.interaction.agentstatus.domain;

import io.switchboard.interaction.routing.domain.WorkKind;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.WireEnum;
import io.switchboard.events.interaction.DirectoryEvents.AgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.AgentDeactivated;
import io.switchboard.events.interaction.DirectoryEvents.AgentStatusChanged;
import io.switchboard.events.interaction.DirectoryEvents.AgentWorkEnded;
import io.switchboard.events.interaction.DirectoryEvents.AgentWorkStarted;
import io.switchboard.interaction.agentstatus.domain.AgentStatusCommand.EndWork;
import io.switchboard.interaction.agentstatus.domain.AgentStatusCommand.EndWrapUp;
import io.switchboard.interaction.agentstatus.domain.AgentStatusCommand.SetStatus;
import io.switchboard.interaction.agentstatus.domain.AgentStatusCommand.StartWork;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.Decider;
import io.switchboard.eventstore.decider.IllegalTransitionException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.eventstore.decider.UnhandledCommandException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Agent status on the agent's stream. Rules:
 * <ul>
 *   <li>A person sets {@code available}, {@code unavailable} (reason required) or {@code offline}, but not while
 *       a call or chat is connected (409 naming {@code in_call}/{@code in_chat}); from {@code wrap_up} they may.</li>
 *   <li>Connected work moves the agent to {@code in_call} (a call always wins) or {@code in_chat}, whatever they
 *       had set: the work is really theirs.</li>
 *   <li>When the last call ends the agent is in {@code wrap_up}; when the last chat ends (and no call is left)
 *       they return at once. Wrap-up ends after the configured period. "Return" means the status they had
 *       set by hand: an agent who set themselves unavailable or offline is never made available by work.</li>
 *   <li>Redelivered events change nothing: an event id already applied, work already connected and work
 *       already ended are all no-ops. Deactivated agents ignore work.</li>
 * </ul>
 */
public final class AgentStatusDecider implements Decider<AgentStatusCommand, AgentStatus, DomainEvent> {
    /** Enough to recognise redeliveries, which come soon after the original; bounds the state's size. */
    static final int REMEMBERED_SOURCES = 1000;

    @Override
    public AgentStatus initialState() {
        return AgentStatus.NONE;
    }

    @Override
    public List<DomainEvent> decide(AgentStatusCommand command, AgentStatus agent) {
        if (!agent.exists()) {
            throw new AggregateNotFoundException("agent");
        }
        if (command instanceof SetStatus set) {
            return set(set, agent);
        }
        if (!agent.active()) {
            return List.of();
        }
        if (command instanceof StartWork start) {
            String key = start.type().key(start.workId());
            if (agent.appliedSources().contains(start.sourceEventId()) || agent.work().contains(key)) {
                return List.of();
            }
            List<DomainEvent> events = new ArrayList<>();
            events.add(new AgentWorkStarted(agent.agentId(), start.type().value(), start.workId(), start.sourceEventId(), start.now()));
            Status target = start.type() == WorkKind.CALL || agent.hasCall() ? Status.IN_CALL : Status.IN_CHAT;
            change(agent, target, null, start.now(), events);
            return events;
        }
        if (command instanceof EndWork end) {
            String key = end.type().key(end.workId());
            if (agent.appliedSources().contains(end.sourceEventId()) || !agent.work().contains(key)) {
                return List.of();
            }
            List<DomainEvent> events = new ArrayList<>();
            events.add(new AgentWorkEnded(agent.agentId(), end.type().value(), end.workId(), end.sourceEventId(), end.now()));
            Set<String> left = new HashSet<>(agent.work());
            left.remove(key);
            boolean callLeft = left.stream().anyMatch(w -> w.startsWith(WorkKind.CALL.prefix()));
            if (callLeft) {
                return events;
            }
            if (!left.isEmpty()) {
                change(agent, Status.IN_CHAT, null, end.now(), events);
            } else if (end.type() == WorkKind.CALL || agent.status() == Status.WRAP_UP) {
                change(agent, Status.WRAP_UP, null, end.now(), events);
            } else {
                change(agent, agent.returnStatus(), agent.returnReason(), end.now(), events);
            }
            return events;
        }
        if (command instanceof EndWrapUp wrapUp) {
            boolean due = agent.status() == Status.WRAP_UP && agent.work().isEmpty()
                    && !wrapUp.now().isBefore(agent.changedAt().plus(wrapUp.wrapUp()));
            List<DomainEvent> events = new ArrayList<>();
            if (due) {
                change(agent, agent.returnStatus(), agent.returnReason(), wrapUp.now(), events);
            }
            return events;
        }
        throw new UnhandledCommandException(command);
    }

    private static List<DomainEvent> set(SetStatus set, AgentStatus agent) {
        if (!agent.active()) {
            throw new IllegalTransitionException("inactive", "agent " + agent.agentId() + " is deactivated");
        }
        Status status = Status.of(set.status()).filter(Status.SETTABLE::contains).orElseThrow(() ->
                new InvalidCommandException("status", "status must be one of [available, offline, unavailable]"));
        String reason = set.reason();
        if (status == Status.UNAVAILABLE) {
            if (reason == null || !Status.UNAVAILABLE_REASONS.contains(reason)) {
                throw new InvalidCommandException("reason", "reason is required with unavailable and must be one of "
                        + Status.UNAVAILABLE_REASONS.stream().sorted().toList());
            }
        } else if (reason != null) {
            throw new InvalidCommandException("reason", "reason is only given with unavailable");
        }
        if (agent.status() == Status.IN_CALL || agent.status() == Status.IN_CHAT) {
            throw new IllegalTransitionException(agent.status().value(),
                    "the agent's status follows their work until it ends");
        }
        List<DomainEvent> events = new ArrayList<>();
        change(agent, status, reason, set.now(), events);
        return events;
    }

    private static void change(AgentStatus agent, Status status, String reason, Instant now, List<DomainEvent> events) {
        if (agent.status() != status || !java.util.Objects.equals(agent.reason(), reason)) {
            events.add(new AgentStatusChanged(agent.agentId(), agent.status().value(), status.value(), reason, now));
        }
    }

    @Override
    public AgentStatus evolve(AgentStatus agent, DomainEvent event) {
        if (event instanceof AgentCreated created) {
            return new AgentStatus(created.agentId(), true, true, Status.OFFLINE, null, created.createdAt(), Status.OFFLINE,
                    null, Set.of(), Set.of());
        }
        if (event instanceof AgentDeactivated) {
            return new AgentStatus(agent.agentId(), true, false, agent.status(), agent.reason(), agent.changedAt(),
                    agent.returnStatus(), agent.returnReason(), agent.work(), agent.appliedSources());
        }
        if (event instanceof AgentStatusChanged changed) {
            Status status = Status.of(changed.status()).orElse(agent.status());
            boolean byHand = Status.SETTABLE.contains(status);
            return new AgentStatus(agent.agentId(), agent.exists(), agent.active(), status, changed.reason(), changed.changedAt(),
                    byHand ? status : agent.returnStatus(), byHand ? changed.reason() : agent.returnReason(),
                    agent.work(), agent.appliedSources());
        }
        if (event instanceof AgentWorkStarted started) {
            Set<String> work = new HashSet<>(agent.work());
            work.add(WireEnum.of(WorkKind.class, started.workType()).key(started.workId()));
            return withWork(agent, work, started.sourceEventId());
        }
        if (event instanceof AgentWorkEnded ended) {
            Set<String> work = new HashSet<>(agent.work());
            work.remove(WireEnum.of(WorkKind.class, ended.workType()).key(ended.workId()));
            return withWork(agent, work, ended.sourceEventId());
        }
        return agent;
    }

    private static AgentStatus withWork(AgentStatus agent, Set<String> work, UUID source) {
        LinkedHashSet<UUID> applied = new LinkedHashSet<>(agent.appliedSources());
        applied.add(source);
        while (applied.size() > REMEMBERED_SOURCES) {
            applied.remove(applied.iterator().next());
        }
        return new AgentStatus(agent.agentId(), agent.exists(), agent.active(), agent.status(), agent.reason(),
                agent.changedAt(), agent.returnStatus(), agent.returnReason(), work, applied);
    }
}
