package io.switchboard.reporting.dataapi.graphql;

import graphql.ExecutionResult;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.reporting.dataapi.policy.DataActions;
import io.switchboard.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The system level of the Platform Data API: {@code POST /api/system/data/{domain}/{action}} reads every
 * partner's conversations (each carries its {@code partnerId}), for the platform operator's {@code system}
 * role only. The partner level never reaches it.
 */
@Path("/api/system/data")
@RolesAllowed(Roles.SYSTEM)
public class SystemDataResource {
    private final DataGraph graph;
    private final DataRequests requests;

    public SystemDataResource(DataGraph graph, DataRequests requests) {
        this.graph = graph;
        this.requests = requests;
    }

    @POST
    @Path("{domain}/{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response action(@PathParam("domain") @Size(max = 32) String domain, @PathParam("action") @Size(max = 64) String action,
                           @Valid GraphqlRequest request) {
        if (!DataActions.DOMAINS.contains(domain)) {
            throw new AggregateNotFoundException("data domain", domain);
        }
        if (!graph.served(domain).contains(action)) {
            throw new AggregateNotFoundException("data action", domain + ":" + action);
        }
        ExecutionResult result = requests.runAction(action, request, null);
        return Response.ok(requests.body(result)).build();
    }
}
