package io.switchboard.reporting.dataapi.graphql;

import static io.switchboard.reporting.dataapi.fetch.Arguments.blocking;
import static io.switchboard.reporting.dataapi.fetch.Arguments.bounded;
import static io.switchboard.reporting.dataapi.fetch.Arguments.optionalId;
import static io.switchboard.reporting.dataapi.fetch.Arguments.requiredId;

import io.switchboard.reporting.dataapi.fetch.DataCaller;
import io.switchboard.reporting.dataapi.fetch.ArgumentProblem;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.analysis.QueryComplexityCalculator;
import graphql.execution.CoercedVariables;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.language.Document;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.SchemaPrinter;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.switchboard.reporting.dataapi.analytics.ConversationMetricsQuery;
import io.switchboard.reporting.dataapi.analytics.MetricsRequest;
import io.switchboard.reporting.dataapi.conversations.Conversation;
import io.switchboard.reporting.dataapi.conversations.ConversationId;
import io.switchboard.reporting.dataapi.conversations.ConversationQueries;
import io.switchboard.reporting.dataapi.conversations.Cursor;
import io.switchboard.reporting.dataapi.dimensions.DimensionQueries;
import io.switchboard.reporting.dataapi.dimensions.DimensionWiring;
import io.switchboard.reporting.dataapi.policy.DataActions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The one GraphQL schema of the Platform Data API (resource {@code dataapi/schema.graphqls}, descriptions for
 * the partner's data engineers) wired to the read models, with its limits: a document of at most
 * {@link #MAX_TOKENS} tokens and {@link #MAX_QUERY_CHARS} characters, depth {@link #MAX_DEPTH}, complexity
 * {@link #MAX_COMPLEXITY} (one per field selected, so alias floods count). A refused or failed argument is an
 * error naming it; any other failure of a data fetcher is rethrown to the caller (a problem+json 5xx), never
 * hidden in the errors list.
 */
@ApplicationScoped
public class DataGraph {
    public static final int MAX_QUERY_CHARS = 20_000;
    public static final int MAX_TOKENS = 2_000;
    public static final int MAX_DEPTH = 15;
    public static final int MAX_COMPLEXITY = 500;
    static final int MAX_EMAIL = 254;
    static final int MAX_PHONE = 32;
    static final int MAX_MARK = 100;
    /** The Chat API's limits of a custom-data name and value. */
    static final int MAX_ATTRIBUTE_NAME = 255;
    static final int MAX_ATTRIBUTE_VALUE = 2_000;
    static final int MAX_ATTRIBUTES = 10;
    private static final ParserOptions PARSER = ParserOptions.newParserOptions()
            .maxCharacters(MAX_QUERY_CHARS).maxTokens(MAX_TOKENS).maxWhitespaceTokens(MAX_QUERY_CHARS)
            .maxRuleDepth(200).captureSourceLocation(true).build();

    private final ConversationQueries conversations;
    private final DimensionQueries dimensions;
    /** Injected into the field so that the constructor stays the schema's (unit tests build it without a database). */
    @Inject
    ConversationMetricsQuery analytics;
    private final GraphQLSchema schema;
    private final String sdl;
    private final GraphQL engine;

    public DataGraph(ConversationQueries conversations, DimensionQueries dimensions) {
        this.conversations = conversations;
        this.dimensions = dimensions;
        String source = resource("dataapi/schema.graphqls");
        TypeDefinitionRegistry types = new SchemaParser().parse(source);
        types.merge(new SchemaParser().parse(resource("dataapi/analytics.graphqls")));
        this.schema = new SchemaGenerator().makeExecutableSchema(types, wiring());
        this.sdl = new SchemaPrinter(SchemaPrinter.Options.defaultOptions().includeDirectives(false)
                .includeScalarTypes(false).includeSchemaDefinition(false)).print(schema);
        this.engine = GraphQL.newGraphQL(schema)
                .instrumentation(new ChainedInstrumentation(List.of(new MaxQueryDepthInstrumentation(MAX_DEPTH),
                        new MaxQueryComplexityInstrumentation(MAX_COMPLEXITY))))
                .defaultDataFetcherExceptionHandler(new ArgumentErrors())
                .build();
    }

    /** The published schema (SDL). */
    public String sdl() {
        return sdl;
    }

    /** The queries the schema serves, by domain ({@link DataActions#domainOf}). */
    public Set<String> served(String domain) {
        return Set.copyOf(schema.getQueryType().getFieldDefinitions().stream().map(f -> f.getName())
                .filter(query -> DataActions.domainOf(query).equals(domain)).toList());
    }

    /** Parses a document within the limits; a syntax error or a limit is a {@link graphql.parser.InvalidSyntaxError}. */
    public Document parse(String query) {
        return Parser.parse(ParserEnvironment.newParserEnvironment().document(query).parserOptions(PARSER).build());
    }

    /**
     * The calculated cost of the document's operation (the budget's points, {@link CostBudget}): one point per
     * selected field, and a field with a {@code first} argument multiplies what it selects by it — so a page of
     * 100 conversations with their 200 first messages costs about 100 × 200. A document that does not validate
     * costs 1: it is refused before anything runs.
     */
    public long cost(String query, String operationName, Map<String, Object> variables) {
        try {
            return QueryComplexityCalculator.newCalculator()
                    .fieldComplexityCalculator((env, children) -> {
                        Object first = env.getArguments().get("first");
                        long times = first instanceof Number n ? Math.min(Math.max(n.longValue(), 1), 10_000) : 1;
                        return (int) Math.min(Integer.MAX_VALUE / 2, 1 + children * times);
                    })
                    .schema(schema).document(parse(query)).operationName(operationName)
                    .variables(CoercedVariables.of(variables == null ? Map.of() : variables))
                    .build().calculate();
        } catch (RuntimeException invalid) {
            return 1;
        }
    }

    public ExecutionResult execute(String query, String operationName, Map<String, Object> variables, DataCaller caller) {
        ExecutionInput input = ExecutionInput.newExecutionInput(query)
                .operationName(operationName)
                .variables(variables == null ? Map.of() : variables)
                .graphQLContext(Map.of(DataCaller.class, caller, ParserOptions.class, PARSER))
                .build();
        return engine.execute(input);
    }

    private RuntimeWiring wiring() {
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring();
        DimensionWiring.wire(wiring, dimensions);
        return wiring
                // dataapi.analytics (schema dataapi/analytics.graphqls)
                .type("Query", q -> q.dataFetcher("getConversationMetrics", blocking(env ->
                        analytics.run(caller(env).partnerId(), MetricsRequest.of(env.getArguments())))))
                .type("Query", q -> q
                        .dataFetcher("getConversationById", blocking(env -> {
                            ConversationId id = ConversationId.parse(env.getArgument("conversationId"));
                            return id == null ? null : conversations.find(caller(env).partnerId(), id).orElse(null);
                        }))
                        .dataFetcher("getConversationsByCustomer", blocking(env -> {
                            Long endUser = optionalId(env, "endUserId");
                            String phone = bounded(env, "phone", MAX_PHONE);
                            if (endUser == null && phone == null) {
                                throw new ArgumentProblem("endUserId", "give endUserId, phone or both");
                            }
                            return page(env, ConversationQueries.Filter.byCustomer(endUser, phone));
                        }))
                        .dataFetcher("getConversationsByEmail", blocking(env -> {
                            String email = bounded(env, "email", MAX_EMAIL);
                            if (email == null || !email.contains("@")) {
                                throw new ArgumentProblem("email", "must be an e-mail address of at most " + MAX_EMAIL
                                        + " characters");
                            }
                            return page(env, ConversationQueries.Filter.byEmail(email));
                        }))
                        .dataFetcher("getConversationsByAgent", blocking(env ->
                                page(env, ConversationQueries.Filter.byAgent(requiredId(env, "agentId")))))
                        .dataFetcher("getAgentAssignedConversations", blocking(env -> {
                            Long own = caller(env).agentId();
                            if (own == null) {
                                throw new ArgumentProblem("agentId", "the caller is not an agent (its token carries no "
                                        + "agent_id): it has no assigned conversations");
                            }
                            return page(env, ConversationQueries.Filter.byAgent(own));
                        }))
                        .dataFetcher("getConversationsByItinerary", blocking(env ->
                                page(env, ConversationQueries.Filter.byItinerary(required(env, "itinerary", MAX_ATTRIBUTE_VALUE)))))
                        .dataFetcher("getConversationsByAttributes", blocking(env ->
                                page(env, ConversationQueries.Filter.byAttributes(attributes(env)))))
                        .dataFetcher("getAgentAssistConversations", blocking(env -> {
                            Long own = caller(env).agentId();
                            if (own == null) {
                                throw new ArgumentProblem("agentId", "the caller is not an agent (its token carries no "
                                        + "agent_id): it has no assist conversations");
                            }
                            return page(env, ConversationQueries.Filter.assistedBy(own));
                        }))
                        .dataFetcher("GetQueuedConversations", blocking(env -> page(env, ConversationQueries.Filter.queued())))
                        .dataFetcher("getClaimedConversations", blocking(env ->
                                page(env, ConversationQueries.Filter.claimed(optionalId(env, "agentId")))))
                        .dataFetcher("GetMarkedConversations", blocking(env ->
                                page(env, ConversationQueries.Filter.marked(bounded(env, "mark", MAX_MARK))))))
                // Counted only when selected: one more query over the same filter.
                .type("ConversationConnection", t -> t.dataFetcher("totalCount", blocking(env ->
                        ((Conversation.Connection) env.getSource()).total().count())))
                // A conversation's messages and objectives are read when selected: the partner is the conversation's
                // own (a system-level answer spans partners), calls have none.
                .type("Conversation", t -> t
                        .dataFetcher("messages", blocking(env -> {
                            Integer first = env.getArgument("first");
                            if (first == null || first < 1 || first > ConversationQueries.MAX_MESSAGES) {
                                throw new ArgumentProblem("first", "must be 1 to " + ConversationQueries.MAX_MESSAGES);
                            }
                            Conversation conversation = env.getSource();
                            Long chat = chatId(conversation);
                            return chat == null ? List.of() : conversations.messages(conversation.partnerId(), chat, first);
                        }))
                        .dataFetcher("queued", env -> ((Conversation) env.getSource()).queued())
                        .dataFetcher("containment", env -> ((Conversation) env.getSource()).lifecycle().containment().name())
                        .dataFetcher("claim", blocking(env -> {
                            Conversation conversation = env.getSource();
                            Long chat = chatId(conversation);
                            return chat == null ? null : conversations.claim(conversation.partnerId(), chat).orElse(null);
                        }))
                        .dataFetcher("mark", blocking(env -> {
                            Conversation conversation = env.getSource();
                            Long chat = chatId(conversation);
                            return chat == null ? null : conversations.mark(conversation.partnerId(), chat).orElse(null);
                        }))
                        .dataFetcher("attributes", blocking(env -> {
                            Conversation conversation = env.getSource();
                            ConversationId id = ConversationId.parse(conversation.conversationId());
                            if (id == null) {
                                return List.of();
                            }
                            return ConversationId.CHAT.equals(id.channel())
                                    ? conversations.attributes(conversation.partnerId(), id.id())
                                    : conversations.callAttributes(conversation.partnerId(), id.id());
                        }))
                        .dataFetcher("objectives", blocking(env -> {
                            Conversation conversation = env.getSource();
                            Long chat = chatId(conversation);
                            return chat == null ? List.of() : conversations.objectives(conversation.partnerId(), chat);
                        })))
                .build();
    }

    private Conversation.Connection page(DataFetchingEnvironment env, ConversationQueries.Filter filter) throws SQLException {
        Integer first = env.getArgument("first");
        if (first == null || first < 1 || first > ConversationQueries.MAX_FIRST) {
            throw new ArgumentProblem("first", "must be 1 to " + ConversationQueries.MAX_FIRST);
        }
        String afterText = bounded(env, "after", 100);
        Cursor after = null;
        if (afterText != null) {
            after = Cursor.decode(afterText);
            if (after == null) {
                throw new ArgumentProblem("after", "must be an endCursor or cursor this API returned");
            }
        }
        return conversations.page(caller(env).partnerId(), filter, first, after);
    }

    /** The chat's id, or null for a call. */
    private static Long chatId(Conversation conversation) {
        ConversationId id = ConversationId.parse(conversation.conversationId());
        return id != null && ConversationId.CHAT.equals(id.channel()) ? id.id() : null;
    }

    private static DataCaller caller(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(DataCaller.class);
    }

    private static String required(DataFetchingEnvironment env, String name, int max) {
        String value = bounded(env, name, max);
        if (value == null) {
            throw new ArgumentProblem(name, "is required");
        }
        return value;
    }

    /** The {@code attributes} argument: 1 to {@link #MAX_ATTRIBUTES} name/value pairs, each bounded. */
    private static List<Conversation.Attribute> attributes(DataFetchingEnvironment env) {
        List<Map<String, Object>> given = env.getArgument("attributes");
        if (given == null || given.isEmpty() || given.size() > MAX_ATTRIBUTES) {
            throw new ArgumentProblem("attributes", "must be 1 to " + MAX_ATTRIBUTES + " name/value pairs");
        }
        List<Conversation.Attribute> attributes = new java.util.ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String name = (String) given.get(i).get("name");
            String value = (String) given.get(i).get("value");
            if (name == null || name.isEmpty() || name.length() > MAX_ATTRIBUTE_NAME) {
                throw new ArgumentProblem("attributes[" + i + "].name", "must be 1 to " + MAX_ATTRIBUTE_NAME + " characters");
            }
            if (value == null || value.isEmpty() || value.length() > MAX_ATTRIBUTE_VALUE) {
                throw new ArgumentProblem("attributes[" + i + "].value", "must be 1 to " + MAX_ATTRIBUTE_VALUE + " characters");
            }
            attributes.add(new Conversation.Attribute(name, value, null));
        }
        return attributes;
    }

    /** Argument problems become GraphQL errors naming the argument; anything else is kept to be rethrown. */
    private static final class ArgumentErrors implements DataFetcherExceptionHandler {
        @Override
        public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
                graphql.execution.DataFetcherExceptionHandlerParameters params) {
            Throwable e = params.getException();
            GraphQLError error;
            if (e instanceof ArgumentProblem p) {
                error = GraphqlErrorBuilder.newError(params.getDataFetchingEnvironment())
                        .message(p.argument() + ": " + p.getMessage())
                        .extensions(Map.of("code", "BAD_USER_INPUT", "argument", p.argument())).build();
            } else {
                error = new Unexpected(e, params.getPath());
            }
            return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
        }
    }

    /** Carries an unexpected fetcher failure out of the execution (the resource rethrows it). */
    public record Unexpected(Throwable cause, graphql.execution.ResultPath path) implements GraphQLError {
        @Override
        public String getMessage() {
            return "unexpected failure";
        }

        @Override
        public List<graphql.language.SourceLocation> getLocations() {
            return List.of();
        }

        @Override
        public graphql.ErrorClassification getErrorType() {
            return graphql.ErrorType.DataFetchingException;
        }
    }

    private static String resource(String name) {
        try (InputStream in = DataGraph.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
