package io.switchboard.reporting.dataapi.graphql;

import io.switchboard.reporting.dataapi.fetch.DataCaller;
import io.switchboard.reporting.dataapi.fetch.ArgumentProblem;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.eventstore.decider.InvalidCommandException;
import io.switchboard.eventstore.decider.NotPermittedException;
import io.switchboard.events.WireTime;
import io.switchboard.reporting.dataapi.policy.AccessPolicies;
import io.switchboard.reporting.messaging.ConsumerProgress;
import io.switchboard.reporting.messaging.Watermark;
import io.switchboard.eventstore.decider.AggregateNotFoundException;
import io.switchboard.web.CallerIdentity;
import io.switchboard.web.PartnerContext;
import io.switchboard.web.Roles;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.RequestScoped;

/**
 * What both HTTP entries of the Platform Data API do for a request: authorise actions by the partner's access
 * policies, parse within the limits, run, and wrap the result with the watermark extension.
 */
@RequestScoped
public class DataRequests {
    private final DataGraph graph;
    private final AccessPolicies policies;
    private final SecurityIdentity identity;
    private final CallerIdentity caller;
    private final ConsumerProgress progress;
    private final CostBudget budget;
    private final PartnerContext partner;
    private static final Pattern PARTNER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** The budget of system-level reads across partners. */
    static final String SYSTEM_BUDGET = "_system";

    public DataRequests(DataGraph graph, AccessPolicies policies, SecurityIdentity identity, CallerIdentity caller,
                        ConsumerProgress progress, CostBudget budget, PartnerContext partner) {
        this.graph = graph;
        this.partner = partner;
        this.budget = budget;
        this.policies = policies;
        this.identity = identity;
        this.caller = caller;
        this.progress = progress;
    }

    /**
     * The partner whose data a path names, if the caller may read it: its own partner, or any partner for the
     * system role. Another partner is a 404, as any other partner's resource.
     */
    public String readablePartner(String partnerId) {
        if (partnerId == null || !PARTNER_ID.matcher(partnerId).matches()) {
            throw new AggregateNotFoundException("partner", "?");
        }
        if (identity.hasRole(Roles.SYSTEM)) {
            return partnerId;
        }
        if (!partnerId.equals(partner.partnerId())) {
            throw new AggregateNotFoundException("partner", partnerId);
        }
        return partnerId;
    }

    /** Every action must be granted by a policy assigned to one of the caller's roles; system reads every action. */
    public void authorise(String partnerId, Set<String> actions) throws SQLException {
        if (actions.isEmpty() || identity.hasRole(Roles.SYSTEM)) {
            return;
        }
        Set<String> allowed = policies.allowedActions(partnerId, identity.getRoles());
        for (String action : actions.stream().sorted().toList()) {
            if (!allowed.contains(action)) {
                throw new NotPermittedException("action", "no access policy of the caller's roles grants " + action);
            }
        }
    }

    /**
     * Runs a resource path's document: it must select exactly the path's action as its one root field;
     * any GraphQL error (syntax, validation, limits, a refused argument) is a 400 problem naming the query or
     * the argument. {@code partnerId} null reads every partner (system level).
     */
    ExecutionResult runAction(String action, GraphqlRequest request, String partnerId) {
        Document document = parse(request.query(), true);
        List<String> roots = rootFields(document, request.operationName(), true);
        if (roots.size() != 1 || !roots.get(0).equals(action)) {
            throw new InvalidCommandException("query", "the document must select exactly one root field, " + action
                    + ", the action of the path (it selects " + String.join(", ", roots) + ")");
        }
        ExecutionResult result = run(request, partnerId, true);
        if (!result.getErrors().isEmpty()) {
            throw asProblem(result.getErrors());
        }
        return result;
    }

    /**
     * Charges the document's cost to the partner's budget (429 when it must wait; a document over the whole budget
     * is refused as a problem naming {@code query}, or a GraphQL error) and runs it; {@code extensions.cost} says
     * what it cost and what is left.
     */
    ExecutionResult run(GraphqlRequest request, String partnerId, boolean asProblem) {
        Long agent = identity.hasRole(Roles.SYSTEM) ? null : caller.agentId();
        long cost = graph.cost(request.query(), request.operationName(), request.variables());
        CostBudget.Charge charge;
        try {
            charge = budget.spend(partnerId == null ? SYSTEM_BUDGET : partnerId, cost);
        } catch (CostBudget.TooCostly tooCostly) {
            throw asProblem ? new InvalidCommandException("query", tooCostly.getMessage())
                    : new GraphqlRefusal(tooCostly.getMessage());
        }
        ExecutionResult result = graph.execute(request.query(), request.operationName(), request.variables(),
                new DataCaller(partnerId, agent));
        Map<String, Object> costs = new LinkedHashMap<>();
        costs.put("requestedQueryCost", charge.requested());
        costs.put("currentlyAvailable", charge.available());
        costs.put("maximumAvailable", charge.capacity());
        costs.put("restoreRate", charge.restorePerSecond());
        return result.transform(b -> b.addExtension("cost", costs));
    }

    public Document parse(String query, boolean asProblem) {
        try {
            return graph.parse(query);
        } catch (InvalidSyntaxException e) {
            String message = "not a valid GraphQL document within the limits (" + DataGraph.MAX_TOKENS
                    + " tokens): " + e.getMessage();
            throw asProblem ? new InvalidCommandException("query", message) : new GraphqlRefusal(message);
        }
    }

    public static List<String> rootFields(Document document, String operationName, boolean asProblem) {
        try {
            return RootFields.of(document, operationName);
        } catch (ArgumentProblem p) {
            throw asProblem ? new InvalidCommandException(p.argument(), p.getMessage())
                    : new GraphqlRefusal(p.argument() + ": " + p.getMessage());
        }
    }

    /** The first error as a problem: an unexpected failure is rethrown, a refused argument names it. */
    static RuntimeException asProblem(List<GraphQLError> errors) {
        for (GraphQLError error : errors) {
            if (error instanceof DataGraph.Unexpected unexpected) {
                return rethrow(unexpected.cause());
            }
        }
        for (GraphQLError error : errors) {
            Object argument = error.getExtensions() == null ? null : error.getExtensions().get("argument");
            if (argument != null) {
                return new InvalidCommandException(argument.toString(), error.getMessage());
            }
        }
        String detail = errors.stream().map(GraphQLError::getMessage).limit(5).collect(Collectors.joining("; "));
        return new InvalidCommandException("query", detail);
    }

    static RuntimeException rethrow(Throwable cause) {
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }

    Map<String, Object> body(ExecutionResult result) {
        Map<String, Object> body = new LinkedHashMap<>(result.toSpecification());
        Map<String, Object> extensions = new LinkedHashMap<>(extensions());
        Object own = body.get("extensions");
        if (own instanceof Map<?, ?> map) {
            map.forEach((k, v) -> extensions.put(String.valueOf(k), v));
        }
        body.put("extensions", extensions);
        return body;
    }

    /** How complete the read models are (the Switchboard-Watermark header's figures). */
    Map<String, Object> extensions() {
        Watermark w = progress.watermark();
        Map<String, Object> watermark = new LinkedHashMap<>();
        watermark.put("completeAsOf", w.completeAsOf() == null ? null : WireTime.format(w.completeAsOf()));
        watermark.put("lagMs", w.lagMillis());
        watermark.put("caughtUp", w.caughtUp());
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("watermark", watermark);
        return extensions;
    }

    /** A document /graphql answers with a GraphQL error rather than a problem. */
    static final class GraphqlRefusal extends RuntimeException {
        GraphqlRefusal(String message) {
            super(message, null, false, false);
        }
    }

}
