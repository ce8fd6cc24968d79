package io.switchboard.web.position;

import io.switchboard.eventstore.position.WrittenPositions;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Set;

/**
 * Read-your-writes, write side: a successful write (POST, PUT, PATCH, DELETE answering 2xx) that appended
 * to the event store answers {@value #HEADER} with the position token of what it wrote
 * ({@link io.switchboard.eventstore.position.PositionToken}); a read on reporting that sends it back in
 * {@value #MIN_POSITION_HEADER} waits until that write is applied. A write that appended nothing (a replay
 * of an idempotent request, a write that is not event-sourced) answers no header.
 */
public class PositionHeaderFilter {
    /** The token of what a write reached. */
    public static final String HEADER = "Switchboard-Position";
    /** A read's request header: answer only once the write that returned this token is applied. */
    public static final String MIN_POSITION_HEADER = "Switchboard-Min-Position";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    @ServerResponseFilter
    public void addPosition(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() / 100 != 2 || !WRITES.contains(request.getMethod())) {
            return;
        }
        WrittenPositions.current().ifPresent(token -> response.getHeaders().putSingle(HEADER, token.encode()));
    }
}
