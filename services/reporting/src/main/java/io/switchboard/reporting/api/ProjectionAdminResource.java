package io.switchboard.reporting.api;

import io.switchboard.reporting.rebuild.RebuildStatus;
import io.switchboard.reporting.rebuild.Rebuilds;
import io.switchboard.web.Roles;
import io.switchboard.web.input.OptionalBody;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import java.util.List;

/**
 * Rebuilding projections from the topics (offset 0) while the API keeps serving the current tables.
 * Role system only (the platform operator): a rebuild covers every partner's rows (the tables are shared), so it is an operation on
 * the service, not on the caller's data; progress is readable by id.
 */
@Path("/manager/api/v1/admin/projections")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SYSTEM)
public class ProjectionAdminResource {

    /** {@code projections}: any of calls, chats, directory, changed_details; absent or empty means all. */
    public record RebuildRequest(@Size(max = 10) List<@Size(max = 64) String> projections) {
    }

    @Inject
    Rebuilds rebuilds;

    @POST
    @Path("/rebuild")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response rebuild(@OptionalBody @Valid RebuildRequest request) {
        RebuildStatus status = rebuilds.start(request == null ? null : request.projections());
        return Response.accepted(status)
                .location(UriBuilder.fromPath("/manager/api/v1/admin/projections/rebuild/{id}").build(status.id()))
                .build();
    }

    @GET
    @Path("/rebuild/{id}")
    public RebuildStatus status(@PathParam("id") long id) {
        return rebuilds.status(id);
    }
}
