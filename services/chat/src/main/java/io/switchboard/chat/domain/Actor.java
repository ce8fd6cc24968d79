package io.switchboard.chat.domain;

/**
 * Who issues a command. {@code agentId} is the caller's own directory agent (null if it has none);
 * {@code forOthers} says it may act for other agents of its partner (supervisor, admin, system).
 * An agent without {@code forOthers} acts only as itself.
 */
public record Actor(Long agentId, boolean forOthers) {
    /** The system itself, or a supervisor/admin/service caller that is no agent. */
    public static final Actor SYSTEM = new Actor(null, true);

    public static Actor agent(Long agentId) {
        return new Actor(agentId, false);
    }

    public static Actor supervisor(Long agentId) {
        return new Actor(agentId, true);
    }
}
