package io.switchboard.consumer.quarkus;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.switchboard.consumer.positions.AppliedWaits;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.eventstore.position.PositionToken;
import io.switchboard.web.PartnerContext;
import io.switchboard.web.Roles;
import io.switchboard.web.position.PositionHeaderFilter;
import io.switchboard.web.RetryLaterException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read-your-writes, read side ({@link ReadYourWrites}): a request with {@code Switchboard-Min-Position:
 * <token>} is held, without holding a thread, until the write the token names is applied, then runs;
 * {@code Prefer: wait=<seconds>} (RFC 7240) shortens or lengthens the wait up to the cap. A wait that runs
 * out is a 503 with Retry-After, a header that is not a token a 400 naming it, a token of another partner
 * a 400 without waiting (the caller learns nothing of another partner's streams). Runs after
 * authentication: an anonymous request does not wait, nor does a caller without any role the resource allows
 * (both are refused by the resource at once: a wait must not be a way to hold the service's requests open).
 */
public class ReadYourWritesFilter {
    private static final Pattern PREFER_WAIT = Pattern.compile("(?i)(?:^|[,;])\\s*wait\\s*=\\s*\"?([0-9]{1,6})\"?\\s*(?:$|[,;])");
    private static final long RETRY_AFTER_SECONDS = 1;

    @Inject
    ReadYourWrites readYourWrites;
    /** The deferred identity: authentication is lazy, and a filter on the event loop must not block for it. */
    @Inject
    CurrentIdentityAssociation identities;

    @ServerRequestFilter
    public Uni<Response> awaitPosition(ContainerRequestContext request, ResourceInfo resource) {
        List<String> values = request.getHeaders().get(PositionHeaderFilter.MIN_POSITION_HEADER);
        Optional<AppliedWaits> waits = readYourWrites.waits();
        if (values == null || values.isEmpty() || waits.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        String prefer = request.getHeaderString("Prefer");
        return identities.getDeferredIdentity().chain(identity -> {
            if (identity.isAnonymous() || !allowed(resource, identity)) {
                return Uni.createFrom().nullItem();
            }
            PositionToken token = token(values, identity);
            Duration wait = readYourWrites.waitFor(requestedWait(prefer));
            return Uni.createFrom().completionStage(() -> waits.get().await(token, wait)).map(applied -> {
                if (!applied) {
                    throw RetryLaterException.notYetApplied(PositionHeaderFilter.MIN_POSITION_HEADER, "the write named by " + PositionHeaderFilter.MIN_POSITION_HEADER
                            + " was not applied within " + wait.toMillis() + " ms; try again", RETRY_AFTER_SECONDS);
                }
                return null;
            });
        });
    }

    private static PositionToken token(List<String> values, SecurityIdentity identity) {
        String header = PositionHeaderFilter.MIN_POSITION_HEADER;
        if (values.size() > 1) {
            throw new InvalidCommandException(header, "send one position token, not " + values.size());
        }
        PositionToken token;
        try {
            token = PositionToken.decode(values.get(0).trim());
        } catch (PositionToken.MalformedPositionTokenException e) {
            throw new InvalidCommandException(header, "the token " + e.getMessage());
        }
        if (!token.partnerId().equals(PartnerContext.of(identity)) && !identity.hasRole(Roles.SYSTEM)) {
            throw new InvalidCommandException(header, "the token was not issued for the caller's partner");
        }
        return token;
    }

    /** Whether the caller holds a role the resource's {@code @RolesAllowed} (method, else class) names; true without one. */
    static boolean allowed(ResourceInfo resource, SecurityIdentity identity) {
        Method method = resource == null ? null : resource.getResourceMethod();
        RolesAllowed roles = method == null ? null : method.getAnnotation(RolesAllowed.class);
        if (roles == null && resource != null && resource.getResourceClass() != null) {
            roles = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return roles == null || Arrays.stream(roles.value()).anyMatch(identity::hasRole);
    }

    static Duration requestedWait(String prefer) {
        if (prefer == null || prefer.length() > 256) {
            return null;
        }
        Matcher m = PREFER_WAIT.matcher(prefer);
        return m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))) : null;
    }
}
