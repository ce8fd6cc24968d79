package io.switchboard.interaction.directory.api;

import io.switchboard.web.CallerIdentity;
import io.switchboard.web.PartnerContext;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: their partner, and their user id for the change history. */
@RequestScoped
public class Caller {
    /** The claim naming the agent a token belongs to ({@code PUT /agents/me/status}). */
    public static final String AGENT_ID_CLAIM = CallerIdentity.AGENT_ID_CLAIM;

    private final PartnerContext partner;
    private final JsonWebToken token;
    private final CallerIdentity identity;

    public Caller(PartnerContext partner, JsonWebToken token, CallerIdentity identity) {
        this.partner = partner;
        this.token = token;
        this.identity = identity;
    }

    public String partnerId() {
        return partner.partnerId();
    }

    /**
     * Who made a change, for the change history: the token's subject if it is a numeric user id, else
     * the caller's own agent id ({@code agent_id} claim; Keycloak subjects are UUIDs), else null.
     */
    public Long userId() {
        Long subject = numeric(token.getSubject());
        return subject != null ? subject : identity.agentId();
    }

    /**
     * The agent the caller is: for an agent, the token's numeric {@code agent_id} claim (none → 403);
     * for a supervisor, admin or system caller its own agent id, or null.
     */
    public Long agentId() {
        return identity.actingAgent(null, AGENT_ID_CLAIM);
    }

    private static Long numeric(String value) {
        if (value == null || !value.matches("[1-9][0-9]{0,18}")) {
            return null;
        }
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
