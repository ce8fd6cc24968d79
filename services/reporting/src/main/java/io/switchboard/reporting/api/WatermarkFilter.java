package io.switchboard.reporting.api;

import io.switchboard.events.EventCodec;
import io.switchboard.reporting.messaging.ConsumerProgress;
import io.switchboard.web.PartnerContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.security.Principal;

/**
 * Adds {@code Switchboard-Watermark: <newest applied event of the caller's partner>; caught-up=<bool>}
 * to every response, so a client knows how fresh the projections are. Unauthenticated responses carry
 * only {@code caught-up} (no partner, so no partner's time). It reads memory only, never the database.
 */
public class WatermarkFilter {
    public static final String HEADER = "Switchboard-Watermark";

    @Inject
    ConsumerProgress progress;

    @ServerResponseFilter
    public void addWatermark(ContainerRequestContext request, ContainerResponseContext response) {
        String partner = null;
        Principal principal = request.getSecurityContext() == null ? null
                : request.getSecurityContext().getUserPrincipal();
        if (principal instanceof JsonWebToken token && token.getClaim(PartnerContext.CLAIM) != null) {
            partner = token.getClaim(PartnerContext.CLAIM).toString();
        }
        String caughtUp = "caught-up=" + progress.caughtUp();
        String value = partner == null ? caughtUp
                : progress.watermark(partner).map(EventCodec::formatInstant).orElse("none") + "; " + caughtUp;
        response.getHeaders().putSingle(HEADER, value);
    }
}
