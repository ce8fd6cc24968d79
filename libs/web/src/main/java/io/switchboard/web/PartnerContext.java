package io.switchboard.web;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The partner (tenant) of the current request, from the token's {@code partner_id} claim (or, for
 * identities that are not JWTs, e.g. API credentials, the identity attribute of the same name).
 * Every read and write of a service is scoped by it.
 */
@RequestScoped
public class PartnerContext {
    public static final String CLAIM = "partner_id";

    private final SecurityIdentity identity;

    public PartnerContext(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The caller's partner id; a caller without one is refused with 403. */
    public String partnerId() {
        String partnerId = of(identity);
        if (partnerId == null) {
            throw new MissingPartnerException();
        }
        return partnerId;
    }

    /** The partner of an identity (token claim or identity attribute), or null if it has none. */
    public static String of(SecurityIdentity identity) {
        String partnerId = null;
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            Object claim = token.getClaim(CLAIM);
            partnerId = claim == null ? null : claim.toString();
        }
        if (partnerId == null) {
            Object attribute = identity.getAttribute(CLAIM);
            partnerId = attribute == null ? null : attribute.toString();
        }
        return partnerId == null || partnerId.isBlank() ? null : partnerId;
    }

    /** The caller is not tied to a partner: its token carries no partner_id. */
    public static final class MissingPartnerException extends RuntimeException {
        public MissingPartnerException() {
            super("the caller's token carries no partner_id claim", null, false, false);
        }
    }
}
