package io.switchboard.interaction.history.api;

import io.switchboard.web.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Answers a {@link HistoryProblem} as problem+json, like every other error of the service. */
public class HistoryProblemMapper {

    @ServerExceptionMapper
    public Response problem(HistoryProblem e, UriInfo uri) {
        Problem problem = Problem.of(e.status(), e.title(), e.getMessage(),
                List.of(new Problem.FieldError(e.field(), e.getMessage()))).at(uri.getPath());
        return Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
