package io.switchboard.web;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.eventstore.decider.NotPermittedException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who the caller is beyond its partner: the directory agent it is (the token's numeric
 * {@code agent_id} claim, which the Keycloak realm maps from the user attribute of that name) and
 * whether it may act for other agents of its partner.
 *
 * <p>The rule every service applies: an agent ({@code agent}/{@code enhanced-agent} without a higher
 * role) acts only as itself; a {@code supervisor}, {@code admin} or {@code system} caller may name any
 * agent of its own partner (the service checks that the named id is one). HTTP Basic API credentials
 * carry roles but no agent: with a supervisor or admin role they act like supervisors, with only an
 * agent role they cannot do anything bound to an agent (403).
 */
@RequestScoped
public class CallerIdentity {
    public static final String AGENT_ID_CLAIM = "agent_id";

    private final SecurityIdentity identity;

    public CallerIdentity(SecurityIdentity identity, PartnerContext partner) {
        this.identity = identity;
        this.partner = partner;
    }
    private final PartnerContext partner;

    public String partnerId() {
        return partner.partnerId();
    }

    /** The caller's own agent id (numeric {@code agent_id} claim or identity attribute), or null. */
    public Long agentId() {
        Object value = null;
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            value = token.getClaim(AGENT_ID_CLAIM);
        }
        if (value == null) {
            value = identity.getAttribute(AGENT_ID_CLAIM);
        }
        return value == null ? null : numeric(value.toString());
    }

    /** A supervisor, admin or system caller: it may act for any agent of its partner. */
    public boolean actsForOthers() {
        return identity.hasRole(Roles.SUPERVISOR) || identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.SYSTEM);
    }

    /**
     * The agent a command acts as, given the id the request names in {@code field} (or null): for an
     * agent, always itself — naming another agent, or having no agent id at all, is refused (403,
     * nothing written); for a supervisor, admin or system caller, the named agent, else its own agent id
     * (may be null). The caller checks that a named agent belongs to the partner.
     */
    public Long actingAgent(Long named, String field) {
        if (actsForOthers()) {
            return named != null ? named : agentId();
        }
        Long own = agentId();
        if (own == null) {
            throw new NotPermittedException(field, "this caller is not linked to an agent (its token has no numeric "
                    + AGENT_ID_CLAIM + " claim); only a supervisor, admin or system caller may name an agent");
        }
        if (named != null && !named.equals(own)) {
            throw new NotPermittedException(field, "an agent acts only as itself: " + field + " must be absent or " + own);
        }
        return own;
    }

    static Long numeric(String value) {
        String text = value.trim();
        if (!text.matches("[1-9][0-9]{0,18}")) {
            return null;
        }
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
