package io.switchboard.chat.api;

import io.smallrye.mutiny.Uni;
import io.switchboard.chat.domain.Actor;
import io.switchboard.chat.domain.ChatCommand.KnownAs;
import io.switchboard.chat.store.DirectoryCopy;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.eventstore.decider.NotPermittedException;
import io.switchboard.web.CallerIdentity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The caller as the chat domain sees it ({@link Actor}), and the directory checks of the agents a command
 * acts as. Whether the caller may act as that agent at all is the decider's rule.
 */
@ApplicationScoped
public class ChatActors {
    private final CallerIdentity caller;
    private final DirectoryCopy directory;

    public ChatActors(CallerIdentity caller, DirectoryCopy directory) {
        this.caller = caller;
        this.directory = directory;
    }

    /** The caller: its own agent, and whether it may act for others. */
    Actor actor() {
        return caller.actsForOthers() ? Actor.supervisor(caller.agentId()) : Actor.agent(caller.agentId());
    }

    /**
     * The agent a command will act as must be an active agent of the partner: for an agent its own id
     * (from its token: 403 if the directory does not have it), for a supervisor, admin or system caller
     * the id it names in {@code field} (400 naming the field), else its own.
     */
    Uni<Void> requireAgent(String partnerId, Actor actor, Long named, String field) {
        if (!actor.forOthers()) {
            return actor.agentId() == null ? Uni.createFrom().voidItem()
                    : ownAgent(partnerId, actor.agentId(), field).replaceWithVoid();
        }
        Long id = named != null ? named : actor.agentId();
        if (id == null || id <= 0) {
            return Uni.createFrom().voidItem();
        }
        return directory.activeAgent(partnerId, id).map(agent -> {
            if (agent.isEmpty()) {
                throw new InvalidCommandException(field, field + " " + id + " is not an active agent of this partner");
            }
            return null;
        });
    }

    /**
     * What the directory knows of the user a message is sent as: an agent sends as itself (403 if it is not
     * an active agent); a supervisor, admin or system caller names an agent or the chat's virtual agent.
     */
    Uni<KnownAs> sender(String partnerId, Actor actor, Long fromUserId) {
        Long from = actor.forOthers() ? fromUserId : actor.agentId();
        if (from == null || from <= 0) {
            return Uni.createFrom().item(KnownAs.NOBODY);
        }
        if (!actor.forOthers()) {
            return ownAgent(partnerId, from, "from_user_id").map(agent -> KnownAs.agent(agent.name()));
        }
        return directory.names(partnerId, List.of(), List.of(from), null)
                .flatMap(names -> directory.activeAgent(partnerId, from).map(agent -> new KnownAs(
                        agent.isPresent(), agent.map(DirectoryCopy.Agent::name).orElse(null),
                        names.virtualAgents().containsKey(from) ? names.virtualAgents().get(from).name() : null)));
    }

    private Uni<DirectoryCopy.Agent> ownAgent(String partnerId, long agentId, String field) {
        return directory.activeAgent(partnerId, agentId).map(agent -> agent.orElseThrow(() -> new NotPermittedException(
                field, "this caller's agent_id " + agentId + " is not an active agent of this partner")));
    }
}
