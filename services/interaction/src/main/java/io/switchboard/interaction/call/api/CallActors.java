package io.switchboard.interaction.call.api;

import io.smallrye.mutiny.Uni;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.eventstore.decider.NotPermittedException;
import io.switchboard.interaction.directory.domain.Agent;
import io.switchboard.interaction.directory.store.DirectoryStore;
import io.switchboard.web.CallerIdentity;
import jakarta.enterprise.context.RequestScoped;

import java.util.Locale;

/**
 * The ids a call request names must be the caller's: its partner's active menus, teams and agents, and
 * for an agent ({@code agent}/{@code enhanced-agent} only) itself. A refused id writes nothing.
 */
@RequestScoped
public class CallActors {
    private final CallerIdentity caller;

    public CallActors(CallerIdentity caller, DirectoryStore directory) {
        this.caller = caller;
        this.directory = directory;
    }
    private final DirectoryStore directory;

    /**
     * The agent a call request acts for, named by {@code agent_id} and/or {@code agent_email}: an agent
     * caller only as itself (its own id when it names none; naming another, or being linked to no agent of
     * the partner → 403); a supervisor, admin or system caller for an active agent of its partner (400).
     * Null if nobody is named and the caller is no agent.
     */
    Uni<Long> actingAgent(String partnerId, Long agentId, String agentEmail) {
        boolean namesEmail = agentEmail != null && !agentEmail.isBlank();
        if (caller.actsForOthers()) {
            return agentId == null ? Uni.createFrom().nullItem()
                    : requireAgent(partnerId, agentId, "agent_id").replaceWith(agentId);
        }
        Long own = caller.agentId();
        if (own == null && agentId == null && !namesEmail) {
            return Uni.createFrom().nullItem();
        }
        Long self = caller.actingAgent(agentId, namesEmail && agentId == null ? "agent_email" : "agent_id");
        return directory.agents().findIfExists(partnerId, self).map(found -> {
            Agent agent = found.filter(Agent::active).orElseThrow(() -> new NotPermittedException("agent_id",
                    "this caller's agent_id " + self + " is not an active agent of this partner"));
            if (namesEmail && (agent.email() == null
                    || !agent.email().toLowerCase(Locale.ROOT).equals(agentEmail.trim().toLowerCase(Locale.ROOT)))) {
                throw new NotPermittedException("agent_email", "an agent acts only as itself: agent_email must be absent or its own");
            }
            return self;
        });
    }

    /** {@code id} (if given) is an active agent of the partner; else 400 naming {@code field}. */
    Uni<Void> requireAgent(String partnerId, Long id, String field) {
        if (id == null || id <= 0) {
            return Uni.createFrom().voidItem();
        }
        return directory.agents().findIfExists(partnerId, id)
                .map(agent -> require(agent.filter(Agent::active).isPresent(), field, field + " " + id + " is not found"));
    }

    /** {@code id} (if given) is an active menu of the partner ("menu_id n is not found", as the Apps API says). */
    Uni<Void> requireMenu(String partnerId, Long id, String field) {
        if (id == null || id <= 0) {
            return Uni.createFrom().voidItem();
        }
        return directory.isActiveMenu(partnerId, id).map(known -> require(known, field, field + " " + id + " is not found"));
    }

    Uni<Void> requireTeam(String partnerId, Long id, String field) {
        if (id == null || id <= 0) {
            return Uni.createFrom().voidItem();
        }
        return directory.isActiveTeam(partnerId, id).map(known -> require(known, field, field + " " + id + " is not found"));
    }

    private static Void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new InvalidCommandException(field, message);
        }
        return null;
    }
}
