package io.switchboard.reporting.dataapi.graphql;

import graphql.ExecutionResult;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.reporting.dataapi.policy.DataActions;
import io.switchboard.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.sql.SQLException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Platform Data API's resource path (docs/api/platform-data-api.md): one resource per action,
 * {@code POST /api/partners/{partnerId}/data/{domain}/{action}}, authorised by the partner's access
 * policies before the document runs; errors are problem+json. The same schema is at {@code /graphql}
 * ({@link GraphqlResource}).
 */
@Path("/api/partners/{partnerId}")
public class DataApiResource {
    static final String PARTNER_HEADER = "x-cp-partner-id";
    static final String TEMPLATE_HEADER = "x-resource-template-version";
    private static final Pattern TEMPLATE_VERSION = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    private final DataGraph graph;
    private final DataRequests requests;

    public DataApiResource(DataGraph graph, DataRequests requests) {
        this.graph = graph;
        this.requests = requests;
    }

    @POST
    @Path("data/{domain}/{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AGENT, Roles.ENHANCED_AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.SYSTEM})
    public Response action(@PathParam("partnerId") @Size(max = 64) String partnerId, @PathParam("domain") @Size(max = 32) String domain,
                           @PathParam("action") @Size(max = 64) String action, @HeaderParam(PARTNER_HEADER) String partnerHeader,
                           @HeaderParam(TEMPLATE_HEADER) String templateVersion, @Valid GraphqlRequest request)
            throws SQLException {
        String target = requests.readablePartner(partnerId);
        if (!DataActions.DOMAINS.contains(domain)) {
            throw new AggregateNotFoundException("data domain", domain);
        }
        if (!graph.served(domain).contains(action)) {
            throw new AggregateNotFoundException("data action", domain + ":" + action);
        }
        if (partnerHeader == null) {
            throw new InvalidCommandException(PARTNER_HEADER, "is required: the partner id of the path");
        }
        if (!partnerHeader.equals(target)) {
            throw new InvalidCommandException(PARTNER_HEADER, "must equal the path's partner id");
        }
        if (templateVersion != null && !TEMPLATE_VERSION.matcher(templateVersion).matches()) {
            throw new InvalidCommandException(TEMPLATE_HEADER, "must be 1 to 32 letters, digits, '.', '_' or '-'");
        }
        requests.authorise(target, Set.of(DataActions.action(domain, action)));
        ExecutionResult result = requests.runAction(action, request, target);
        Response.ResponseBuilder ok = Response.ok(requests.body(result));
        if (templateVersion != null) {
            ok.header(TEMPLATE_HEADER, templateVersion);
        }
        return ok.build();
    }

}
