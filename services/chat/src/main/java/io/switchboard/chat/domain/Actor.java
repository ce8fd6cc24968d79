package io.switchboard.chat.domain;

import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.eventstore.decider.NotPermittedException;

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


    /**
     * The agent a command acts as, given the id it names in {@code field}: an agent is always itself (naming
     * another agent, or being linked to none, is not permitted); a supervisor, admin or system caller acts
     * for the named agent, else as its own agent (or nobody).
     */
    static Long actingAs(Long named, Actor actor, String field) {
        if (named != null && named <= 0) {
            throw new InvalidCommandException(field, field + " must be a positive integer");
        }
        if (actor.forOthers()) {
            return named != null ? named : actor.agentId();
        }
        if (actor.agentId() == null) {
            throw new NotPermittedException(field, "this caller is not linked to an agent (no numeric agent_id claim)");
        }
        if (named != null && !named.equals(actor.agentId())) {
            throw new NotPermittedException(field, "an agent acts only as itself: " + field + " must be absent or "
                    + actor.agentId());
        }
        return actor.agentId();
    }
}
