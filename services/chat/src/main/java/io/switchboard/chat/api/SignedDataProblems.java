package io.switchboard.chat.api;

import io.switchboard.web.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * Signed custom data that cannot be trusted is an authentication failure of the data: 401. A token
 * used before is a conflict with that earlier use: 409.
 */
public class SignedDataProblems {

    @ServerExceptionMapper
    public Response invalidSignedData(SignedCustomData.InvalidSignedData e, UriInfo uri) {
        return problem(401, "Unauthorized", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response replayedSignedData(SignedCustomData.ReplayedSignedData e, UriInfo uri) {
        return problem(409, "Conflict", e.getMessage(), uri);
    }

    private static Response problem(int status, String title, String detail, UriInfo uri) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, title, detail, List.of(new Problem.FieldError("signed_data", detail)))
                        .at(uri.getPath()))
                .build();
    }
}
