package io.switchboard.chat.api;

import io.switchboard.web.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Signed custom data that cannot be trusted is an authentication failure of the data: 401. */
public class SignedDataProblems {

    @ServerExceptionMapper
    public Response invalidSignedData(SignedCustomData.InvalidSignedData e, UriInfo uri) {
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(401, "Unauthorized", e.getMessage(),
                        List.of(new Problem.FieldError("signed_data", e.getMessage()))).at(uri.getPath()))
                .build();
    }
}
