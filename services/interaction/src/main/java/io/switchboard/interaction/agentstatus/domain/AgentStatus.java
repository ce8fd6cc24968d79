package io.switchboard.interaction.agentstatus.domain;

import io.switchboard.interaction.routing.domain.WorkKind;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The status side of an agent's stream. {@code returnStatus}/{@code returnReason} are what the agent
 * goes back to when their work is over: the last status set by hand (a new agent is {@code offline}).
 * {@code work} holds the calls and chats connected to the agent ({@code call:12}, {@code chat:7});
 * {@code appliedSources} the ids of the call and chat events already applied.
 */
public record AgentStatus(long agentId, boolean exists, boolean active, Status status, String reason, Instant changedAt,
                          Status returnStatus, String returnReason, Set<String> work, Set<UUID> appliedSources) {
    public static final AgentStatus NONE = new AgentStatus(0, false, false, Status.OFFLINE, null, null, Status.OFFLINE,
            null, Set.of(), Set.of());

    public AgentStatus {
        work = Set.copyOf(work);
        // Insertion order matters: the oldest ids are forgotten first.
        appliedSources = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(appliedSources));
    }

    public boolean hasCall() {
        return work.stream().anyMatch(w -> w.startsWith(WorkKind.CALL.prefix()));
    }

    public boolean hasChat() {
        return work.stream().anyMatch(w -> w.startsWith(WorkKind.CHAT.prefix()));
    }

    public List<String> workList() {
        return work.stream().sorted().toList();
    }
}
