package io.switchboard.events.interaction;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventType;
import io.switchboard.events.FieldChange;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Events of the directory: the partner's organization settings, agents, teams (a tree through
 * {@code parentId}) and menus (topic {@code switchboard.interaction}). Update events carry former and
 * new values.
 */
public final class DirectoryEvents {
    public static final String AGENT = "agent";
    public static final String TEAM = "team";
    public static final String MENU = "menu";
    public static final String VIRTUAL_AGENT = "virtual_agent";
    /** One stream per partner, its id the partner id: {@code organization-<partner>}. */
    public static final String ORGANIZATION = "organization";

    private DirectoryEvents() {
    }

    @EventType(name = "AgentCreated")
    public record AgentCreated(long agentId, String name, String firstName, String lastName, String email,
                               String avatarUrl, List<String> roles, List<Long> teamIds,
                               Instant createdAt) implements DomainEvent {
    }

    @EventType(name = "AgentUpdated")
    public record AgentUpdated(long agentId, List<FieldChange> changes, Long changedByUserId,
                               Instant updatedAt) implements DomainEvent {
    }

    @EventType(name = "AgentStatusChanged")
    public record AgentStatusChanged(long agentId, String previousStatus, String status, String reason,
                                     Instant changedAt) implements DomainEvent {
    }

    /** A queue or IVR entry that calls and chats are routed by; {@code channel} is {@code voice} or {@code chat}. */
    @EventType(name = "MenuCreated")
    public record MenuCreated(long menuId, String name, String channel, String menuType, Long parentId,
                              List<Long> teamIds, Long virtualAgentId, Instant createdAt) implements DomainEvent {
    }

    @EventType(name = "TeamCreated")
    public record TeamCreated(long teamId, String name, Long parentId, Instant createdAt) implements DomainEvent {
    }

    @EventType(name = "TeamUpdated")
    public record TeamUpdated(long teamId, List<FieldChange> changes, Long changedByUserId,
                              Instant updatedAt) implements DomainEvent {
    }

    @EventType(name = "TeamMemberAdded")
    public record TeamMemberAdded(long teamId, long agentId, Instant addedAt) implements DomainEvent {
    }

    @EventType(name = "TeamMemberRemoved")
    public record TeamMemberRemoved(long teamId, long agentId, Instant removedAt) implements DomainEvent {
    }
    @EventType(name = "AgentDeactivated")
    public record AgentDeactivated(long agentId, Long changedByUserId, Instant deactivatedAt) implements DomainEvent {
    }

    /** {@code name}, {@code channel}, {@code teamIds} and {@code virtualAgentId} are the menu after the change. */
    @EventType(name = "MenuUpdated")
    public record MenuUpdated(long menuId, List<FieldChange> changes, String name, String channel, List<Long> teamIds,
                              Long virtualAgentId, Long changedByUserId, Instant updatedAt) implements DomainEvent {
    }

    @EventType(name = "MenuDeactivated")
    public record MenuDeactivated(long menuId, Long changedByUserId, Instant deactivatedAt) implements DomainEvent {
    }

    @EventType(name = "TeamDeactivated")
    public record TeamDeactivated(long teamId, Long changedByUserId, Instant deactivatedAt) implements DomainEvent {
    }

    /** A bot that answers chats before (or instead of) a human agent. */
    @EventType(name = "VirtualAgentCreated")
    public record VirtualAgentCreated(long virtualAgentId, String name, Instant createdAt) implements DomainEvent {
    }

    @EventType(name = "VirtualAgentUpdated")
    public record VirtualAgentUpdated(long virtualAgentId, List<FieldChange> changes, Long changedByUserId,
                                      Instant updatedAt) implements DomainEvent {
    }

    @EventType(name = "VirtualAgentDeactivated")
    public record VirtualAgentDeactivated(long virtualAgentId, Long changedByUserId,
                                          Instant deactivatedAt) implements DomainEvent {
    }

    /**
     * The partner's organization settings changed (the Manager API's {@code settings/organization}).
     * {@code name}, {@code timeZone} (IANA) and {@code language} (BCP 47) are the settings after the
     * change; {@code changes} lists what changed, with former values. A partner that never set them has
     * no event: readers answer defaults.
     */
    @EventType(name = "OrganizationUpdated")
    public record OrganizationUpdated(String name, String timeZone, String language, List<FieldChange> changes,
                                      Long changedByUserId, Instant updatedAt) implements DomainEvent {
        /** The settings of a partner that never set them: its id as the name, and these. */
        public static final String DEFAULT_TIME_ZONE = "UTC";
        public static final String DEFAULT_LANGUAGE = "en";
    }

    /**
     * Work ({@code workType} {@code call} or {@code chat}) was connected to the agent; written to the agent's
     * stream by the agent-status consumer. {@code sourceEventId} is the call or chat event that caused it,
     * so a redelivered event is recognised and changes nothing.
     */
    @EventType(name = "AgentWorkStarted")
    public record AgentWorkStarted(long agentId, String workType, long workId, UUID sourceEventId,
                                   Instant startedAt) implements DomainEvent {
    }

    /** The agent's part in the work ended (call ended or left, chat finished or reassigned). */
    @EventType(name = "AgentWorkEnded")
    public record AgentWorkEnded(long agentId, String workType, long workId, UUID sourceEventId,
                                 Instant endedAt) implements DomainEvent {
    }
}
