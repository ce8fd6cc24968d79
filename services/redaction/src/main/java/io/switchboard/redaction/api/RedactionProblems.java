package io.switchboard.redaction.api;

import io.switchboard.redaction.domain.PolicyConflictException;
import io.switchboard.web.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** The service's own rejection beside libs/web's: a policy change that conflicts with the partner's definitions. */
public class RedactionProblems {

    @ServerExceptionMapper
    public Response conflict(PolicyConflictException e, UriInfo uri) {
        return Response.status(409).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(409, "Conflict", e.getMessage(), List.of(new Problem.FieldError(e.field(), e.getMessage())))
                        .at(uri.getPath()))
                .build();
    }
}
