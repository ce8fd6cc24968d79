package io.switchboard.interaction.directory.api;

import io.switchboard.web.PartnerContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: their partner, and their user id for the change history. */
@RequestScoped
public class Caller {
    /** The claim naming the agent a token belongs to ({@code PUT /agents/me/status}). */
    public static final String AGENT_ID_CLAIM = "agent_id";

    @Inject
    PartnerContext partner;

    @Inject
    JsonWebToken token;

    public String partnerId() {
        return partner.partnerId();
    }

    /** The token's subject if it is a numeric user id, else null (Keycloak subjects are UUIDs). */
    public Long userId() {
        return numeric(token.getSubject());
    }

    /** The token's numeric {@code agent_id} claim, or null. */
    public Long agentId() {
        Object claim = token.getClaim(AGENT_ID_CLAIM);
        return claim == null ? null : numeric(claim.toString());
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
