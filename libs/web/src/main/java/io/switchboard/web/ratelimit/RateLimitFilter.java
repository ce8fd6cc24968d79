package io.switchboard.web.ratelimit;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.switchboard.web.PartnerContext;
import io.switchboard.web.Problem;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Rate limits every REST endpoint of a service (the Manager, Apps and admin APIs; {@code /q/health}
 * and the other {@code /q/*} routes are not REST endpoints and are never limited) per partner and per
 * credential: over the limit is 429 problem+json with {@code Retry-After}. Anonymous requests are left
 * to the security checks (they get 401 and never reach an endpoint).
 */
@Singleton
public class RateLimitFilter {
    private static final Logger LOG = Logger.getLogger(RateLimitFilter.class);

    private final CurrentIdentityAssociation identities;
    private final RateLimiting limits;

    public RateLimitFilter(CurrentIdentityAssociation identities, RateLimiting limits) {
        this.identities = identities;
        this.limits = limits;
    }

    @ServerRequestFilter
    public Uni<Response> limit(ContainerRequestContext request) {
        // A failed authentication is the security checks' to answer (401), not this filter's.
        return identities.getDeferredIdentity().onFailure().recoverWithNull().map(identity -> {
            if (identity == null || identity.isAnonymous()) {
                return null;
            }
            String partner = PartnerContext.of(identity);
            RateLimits.Decision decision = limits.acquire(partner == null ? "" : partner, credentialOf(identity));
            if (decision.allowed()) {
                return null;
            }
            LOG.debugf("rate limit of the %s reached for partner %s", decision.exhausted(), partner);
            long seconds = decision.retryAfterSeconds();
            Problem problem = Problem.of(429, "Too Many Requests", "the request rate limit of this "
                    + decision.exhausted() + " is reached; retry after " + seconds + " s")
                    .at(request.getUriInfo().getPath());
            return Response.status(429).type(Problem.MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, seconds)
                    .entity(problem).build();
        });
    }

    /** A token's subject, or the principal (an API credential is {@code api-credential:<id>}). */
    private static String credentialOf(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null) {
            return "sub:" + token.getSubject();
        }
        return "principal:" + identity.getPrincipal().getName();
    }
}
