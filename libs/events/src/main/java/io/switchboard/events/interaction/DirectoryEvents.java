package io.switchboard.events.interaction;

import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventType;
import io.switchboard.events.FieldChange;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Events of the directory: the partner's organization settings, agents, teams (a tree through
 * {@code parentId}) and menus (topic {@code switchboard.interaction}). An update event carries the entity
 * after the change, typed, and {@code changes}: what changed, with former and new values as display text
 * for the change history only (a list reads {@code [a,b]}). Consumers take the state from the typed
 * fields, never from the text. The version 1 update events ({@code *V1}) carried only the text; they are
 * still read, never written, and {@code after()} is their one reader.
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

    /** The agent after the change: its names, email, avatar, roles and teams (see the class comment). */
    @EventType(name = "AgentUpdated", version = 2)
    public record AgentUpdated(long agentId, List<FieldChange> changes, String name, String firstName, String lastName,
                               String email, String avatarUrl, List<String> roles, List<Long> teamIds,
                               Long changedByUserId, Instant updatedAt) implements DomainEvent {
    }

    /** Version 1 of {@link AgentUpdated}: only the changed fields, as text. */
    @EventType(name = "AgentUpdated", version = 1)
    public record AgentUpdatedV1(long agentId, List<FieldChange> changes, Long changedByUserId,
                                 Instant updatedAt) implements DomainEvent {
        /**
         * The fields it set, by JSON name ({@code name}, {@code first_name}, {@code last_name}, {@code email},
         * {@code avatar_url}, {@code roles}, {@code teams}), typed as {@link AgentUpdated} carries them.
         */
        public Map<String, Object> after() {
            return V1Text.after(changes, Map.of("roles", V1Text::strings, "teams", V1Text::longs));
        }
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

    /** The team after the change: its name and parent (null for a root). */
    @EventType(name = "TeamUpdated", version = 2)
    public record TeamUpdated(long teamId, List<FieldChange> changes, String name, Long parentId, Long changedByUserId,
                              Instant updatedAt) implements DomainEvent {
    }

    /** Version 1 of {@link TeamUpdated}: only the changed fields, as text. */
    @EventType(name = "TeamUpdated", version = 1)
    public record TeamUpdatedV1(long teamId, List<FieldChange> changes, Long changedByUserId,
                                Instant updatedAt) implements DomainEvent {
        /** The fields it set, by JSON name ({@code name}, {@code parent_id}), typed as {@link TeamUpdated} carries them. */
        public Map<String, Object> after() {
            return V1Text.after(changes, Map.of("parent_id", V1Text::id));
        }
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

    /** The menu after the change: its name, channel, type, parent, teams and virtual agent. */
    @EventType(name = "MenuUpdated", version = 2)
    public record MenuUpdated(long menuId, List<FieldChange> changes, String name, String channel, String menuType,
                              Long parentId, List<Long> teamIds, Long virtualAgentId, Long changedByUserId,
                              Instant updatedAt) implements DomainEvent {
    }

    /**
     * Version 1 of {@link MenuUpdated}: {@code name}, {@code channel}, {@code teamIds} and {@code virtualAgentId}
     * are the menu after the change; its type and parent only as text in {@code changes}.
     */
    @EventType(name = "MenuUpdated", version = 1)
    public record MenuUpdatedV1(long menuId, List<FieldChange> changes, String name, String channel, List<Long> teamIds,
                                Long virtualAgentId, Long changedByUserId, Instant updatedAt) implements DomainEvent {
        /** The fields it set, by JSON name ({@code menu_type}, {@code parent_id}, …), typed as {@link MenuUpdated} carries them. */
        public Map<String, Object> after() {
            return V1Text.after(changes, Map.of("parent_id", V1Text::id, "teams", V1Text::longs,
                    "virtual_agent_id", V1Text::id));
        }
    }

    @EventType(name = "MenuDeactivated")
    public record MenuDeactivated(long menuId, Long changedByUserId, Instant deactivatedAt) implements DomainEvent {
    }

    @EventType(name = "TeamDeactivated")
    public record TeamDeactivated(long teamId, Long changedByUserId, Instant deactivatedAt) implements DomainEvent {
    }

    /**
     * A bot that answers chats before (or instead of) a human agent. {@code avatarUrl} (optional) was added
     * to this version as a nullable field: an event written before it has none, which is what that virtual
     * agent had.
     */
    @EventType(name = "VirtualAgentCreated")
    public record VirtualAgentCreated(long virtualAgentId, String name, String avatarUrl,
                                      Instant createdAt) implements DomainEvent {
    }

    /**
     * The virtual agent after the change: its name and avatar URL ({@code avatarUrl} added to version 2 as a
     * nullable field: a v2 event written before it comes from a virtual agent that had no avatar, so its
     * null is the true after-state).
     */
    @EventType(name = "VirtualAgentUpdated", version = 2)
    public record VirtualAgentUpdated(long virtualAgentId, List<FieldChange> changes, String name, String avatarUrl,
                                      Long changedByUserId, Instant updatedAt) implements DomainEvent {
    }

    /** Version 1 of {@link VirtualAgentUpdated}: only the changed fields, as text. */
    @EventType(name = "VirtualAgentUpdated", version = 1)
    public record VirtualAgentUpdatedV1(long virtualAgentId, List<FieldChange> changes, Long changedByUserId,
                                        Instant updatedAt) implements DomainEvent {
        /** The fields it set, by JSON name ({@code name}; virtual agents had no avatar then). */
        public Map<String, Object> after() {
            return V1Text.after(changes, Map.of());
        }
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
