package io.switchboard.reporting.dataapi.graphql;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.language.Document;
import io.switchboard.reporting.dataapi.policy.DataActions;
import io.switchboard.web.PartnerContext;
import io.switchboard.web.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code POST /graphql}: the Platform Data API's schema for GraphiQL and tooling, on the caller's own partner,
 * every root field authorised as its action like on the resource path ({@link DataApiResource}); the
 * schema at {@code /graphql/schema.graphql}, GraphiQL at {@code /graphql/ui}.
 */
@Path("/graphql")
public class GraphqlResource {
    private static final Set<String> INTROSPECTION = Set.of("__schema", "__type", "__typename");

    private final DataGraph graph;
    private final DataRequests requests;
    private final PartnerContext partner;

    public GraphqlResource(DataGraph graph, DataRequests requests, PartnerContext partner) {
        this.graph = graph;
        this.requests = requests;
        this.partner = partner;
    }

    /**
     * GraphQL for tooling: the caller's own partner; GraphQL problems (syntax, validation, limits, refused
     * arguments) are answered the GraphQL way, 200 with {@code errors}; a root field the caller's policies
     * do not grant is a 403 problem+json naming the action, before anything runs.
     */
    @POST
        @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AGENT, Roles.ENHANCED_AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.SYSTEM})
    public Response graphql(@Valid GraphqlRequest request) throws SQLException {
        String own = partner.partnerId();
        Document document;
        List<String> roots;
        try {
            document = requests.parse(request.query(), false);
            roots = DataRequests.rootFields(document, request.operationName(), false);
        } catch (DataRequests.GraphqlRefusal refusal) {
            return Response.ok(Map.of("errors", List.of(Map.of("message", refusal.getMessage())),
                    "extensions", requests.extensions())).build();
        }
        Set<String> actions = roots.stream().filter(r -> !INTROSPECTION.contains(r))
                .map(r -> DataActions.action(DataActions.domainOf(r), r)).collect(Collectors.toSet());
        requests.authorise(own, actions);
        ExecutionResult result;
        try {
            result = requests.run(request, own, false);
        } catch (DataRequests.GraphqlRefusal refusal) {
            return Response.ok(Map.of("errors", List.of(Map.of("message", refusal.getMessage())),
                    "extensions", requests.extensions())).build();
        }
        for (GraphQLError error : result.getErrors()) {
            if (error instanceof DataGraph.Unexpected unexpected) {
                throw DataRequests.rethrow(unexpected.cause());
            }
        }
        return Response.ok(requests.body(result)).build();
    }

    /**
     * The published schema (SDL), the same the snapshot test compares with the committed file. Not in the
     * OpenAPI document, which describes the JSON API: this is GraphQL's own description, as text.
     */
    @GET
    @Operation(hidden = true)
    @Path("schema.graphql")
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed({Roles.AGENT, Roles.ENHANCED_AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.SYSTEM})
    public String schema() {
        return graph.sdl();
    }

    /** GraphiQL (an HTML page, not in the OpenAPI document); it holds no data (every query it sends needs a token). */
    @GET
    @Operation(hidden = true)
    @Path("ui")
    @Produces(MediaType.TEXT_HTML)
    @PermitAll
    public String ui() {
        return GraphiqlPage.HTML;
    }

}
