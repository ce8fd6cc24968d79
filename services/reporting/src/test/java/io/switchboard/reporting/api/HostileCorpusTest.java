package io.switchboard.reporting.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.hostile.CorpusRun;
import io.switchboard.testing.hostile.HostileCase;
import io.switchboard.testing.hostile.HostileCorpus;
import io.switchboard.testing.hostile.HostileCorpus.ListTarget;
import io.switchboard.testing.hostile.HostileCorpus.Target;
import io.switchboard.testing.hostile.OpenApi;
import io.switchboard.testing.hostile.WireSchema;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile corpus (libs/testing) against the reporting service: every filter of every Manager API
 * list gets unknown neighbours, garbled and out-of-range dates, NULs, oversized and malformed values;
 * every other endpoint of the OpenAPI document gets the path, parameter and body cases. No answer is
 * a 5xx, every refusal is problem+json naming the parameter, nothing is written. The lists' real
 * filters — as the Manager API extractor sends them, brackets unencoded — are accepted.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class HostileCorpusTest {
    private static final String BASE = "/manager/api/v1";
    private static final String TOKEN = TestTokens.bearer("acme", "supervisor", "admin", "system");

    /** Every list and its filters, as the README documents them. */
    static final List<ListTarget> LISTS = List.of(
            new ListTarget(BASE + "/calls", List.of("updated_at", "created_at"), List.of("id", "menu_id", "agent_id", "team_id"),
                    List.of("status", "call_type"), List.of()),
            new ListTarget(BASE + "/chats", List.of("updated_at", "created_at"), List.of("id", "menu_id", "agent_id", "team_id"),
                    List.of("status"), List.of()),
            new ListTarget(BASE + "/agent_activity_logs", List.of("started_at", "ended_at"), List.of("agent_id", "team_id"),
                    List.of("status"), List.of()),
            new ListTarget(BASE + "/changed_details", List.of("changed_at"), List.of("entity_id"), List.of("entity_type", "field"),
                    List.of()),
            new ListTarget(BASE + "/agents", List.of("updated_at", "status_updated_at"), List.of("id", "team_id"),
                    List.of("status"), List.of()),
            new ListTarget(BASE + "/teams", List.of("updated_at"), List.of("id", "parent_id"), List.of("name"), List.of()),
            new ListTarget(BASE + "/menus", List.of("updated_at"), List.of("id", "parent_id"), List.of("menu_type"), List.of()),
            new ListTarget(BASE + "/call_participants", List.of("connected_at"), List.of("call_id", "user_id"), List.of("type"),
                    List.of()),
            new ListTarget(BASE + "/chat_participants", List.of("connected_at"), List.of("chat_id", "user_id"), List.of("type"),
                    List.of()),
            new ListTarget(BASE + "/photos", List.of("attached_at"), List.of("call_id", "chat_id"), List.of("channel"), List.of()),
            new ListTarget(BASE + "/videos", List.of("attached_at"), List.of("call_id", "chat_id"), List.of("channel"), List.of()),
            new ListTarget(BASE + "/user_info", List.of("updated_at"), List.of("id", "team_id"), List.of(), List.of()));

    /** Reads that are not lists: whole trees, the fixed statuses and the organization settings take no parameters. */
    private static final Set<String> NOT_LISTS = Set.of(BASE + "/teams/tree", BASE + "/menus/tree", BASE + "/user_statuses",
            BASE + "/settings/organization");

    @Inject
    Pool pool;

    @Test
    void everyDocumentedFilterIsAcceptedAsTheExtractorSendsIt() {
        for (ListTarget list : LISTS) {
            StringBuilder query = new StringBuilder("sort_direction=ASC&page=1&per=100&time_zone=UTC");
            for (String range : list.ranges()) {
                query.append('&').append(range).append("[from]=2026-01-01T00:00:00.000Z&").append(range)
                        .append("[to]=2026-12-31T23:59:59.999Z");
            }
            list.ids().forEach(id -> query.append('&').append(id).append("[]=1,2&").append(id).append("[]=3"));
            list.texts().forEach(text -> query.append('&').append(text).append("[]=x"));
            given().auth().oauth2(TOKEN).urlEncodingEnabled(false).get(list.path() + "?" + query)
                    .then().statusCode(200);
            given().auth().oauth2(TOKEN).urlEncodingEnabled(false).get(list.path() + "?limit=5&page=2").then().statusCode(200);
        }
        given().auth().oauth2(TOKEN).urlEncodingEnabled(false)
                .get(BASE + "/calls?updated_at[from]=2026-01-01T00:00:00.000Z&sort_column=updated_at&sort_direction=ASC&page=1&per=100")
                .then().statusCode(200);
        given().auth().oauth2(TOKEN).get(BASE + "/chats?cursor=0").then().statusCode(200);
    }

    @Test
    void noHostileRequestIsA500OrGetsIn() {
        String document = given().auth().oauth2(TOKEN).get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        List<OpenApi.Operation> operations = OpenApi.parse(document).operations();

        Set<String> listed = new TreeSet<>();
        LISTS.forEach(list -> listed.add(list.path()));
        List<String> undocumentedLists = operations.stream()
                .filter(op -> op.method().equals("GET") && op.path().startsWith(BASE) && op.parameters("path").isEmpty())
                .map(OpenApi.Operation::path).filter(path -> !listed.contains(path) && !NOT_LISTS.contains(path)).toList();
        assertThat(undocumentedLists).as("lists without their filters in this test (add them)").isEmpty();

        Set<String> allFilters = new TreeSet<>();
        LISTS.forEach(list -> allFilters.addAll(list.filters()));
        List<HostileCase> cases = new ArrayList<>();
        for (ListTarget list : LISTS) {
            cases.addAll(HostileCorpus.listCases(list, allFilters));
        }
        List<String> wire = new ArrayList<>();
        List<Target> documented = new ArrayList<>();
        for (OpenApi.Operation operation : operations) {
            // A credential id no test issues: revoking one would take another test's credential.
            Target target = Target.of(operation).path("id", operation.path().startsWith("/admin/api-credentials/") ? 999_999_999 : 1);
            if (operation.path().equals("/admin/api-credentials") && operation.method().equals("POST")) {
                target.sample("{\"name\": \"extractor\", \"roles\": [\"supervisor\"]}");
            }
            // Platform Data API: valid bodies (policy writes and queries); path partner 1 is not the token's, so 404.
            boolean writes = operation.method().equals("POST") || operation.method().equals("PUT");
            if (writes && (operation.path().endsWith("/access-policies") || operation.path().endsWith("/access-policies/{policyId}"))) {
                target.sample("{\"name\": \"x\", \"description\": \"x\", \"actions\": [\"conversationdata:getConversationById\"]}");
            }
            if (writes && operation.path().endsWith("/webhooks")) {
                target.sample("{\"url\": \"https://hooks.example.com/x\", \"eventTypes\": [\"TeamCreated\"], \"description\": \"x\"}");
            }
            if (operation.path().endsWith("/access-policy-roles/{role}")) {
                target.sample("{\"policies\": []}");
            }
            if (operation.path().contains("/data/{domain}/{action}") || operation.path().equals("/graphql")) {
                target.sample("{\"query\": \"{ getConversationById(conversationId: \\\"call-1\\\") { conversationId } }\"}");
            }
            if (operation.path().endsWith("/data/jobs") && operation.method().equals("POST")) {
                target.sample("{\"domain\": \"conversationdata\", \"action\": \"getConversationsByAgent\", \"format\": \"csv\","
                        + " \"query\": \"query($after: String) { getConversationsByAgent(agentId: \\\"1\\\", first: 10, after: $after)"
                        + " { totalCount pageInfo { hasNextPage endCursor } edges { node { conversationId } } } }\"}");
            }
            if (operation.path().endsWith("/admin/projections/rebuild")) {
                // Only what must be refused: an accepted request would start a rebuild of every projection.
                target.sample("{\"projections\": [\"calls\"]}").optionalBody();
                wire.addAll(target.wireMismatches());
                cases.addAll(HostileCorpus.cases(target).stream().filter(HostileCase::mustBeRefused).toList());
                continue;
            }
            if (operation.path().endsWith("/live/stream")) {
                // An accepted request is a stream that never ends (LiveStreamTest reads it): only what must be refused.
                cases.addAll(HostileCorpus.cases(target).stream().filter(HostileCase::mustBeRefused).toList());
                continue;
            }
            wire.addAll(target.wireMismatches());
            if (operation.method().equals("GET")) {
                wire.addAll(WireSchema.readMismatches(target, given().auth().oauth2(TOKEN)));
            }
            cases.addAll(HostileCorpus.cases(target));
            documented.add(target);
        }
        assertThat(wire).as("valid bodies of the wire against the OpenAPI request schemas").isEmpty();

        CorpusRun run = new CorpusRun(() -> given().auth().oauth2(TOKEN), this::writes).run(cases);
        run.verify("reporting");
        assertThat(run.total()).isGreaterThan(500);
        // Each read (and the credential write) as the document describes it is accepted; what a path's id names
        // (1, a read model named 1, credential 999999999) does not exist for this partner.
        Map<String, Integer> notInThisState = new HashMap<>();
        documented.stream().map(Target::operation).filter(op -> op.path().contains("{"))
                .forEach(op -> notInThisState.put(op.toString(), 404));
        // The token is also `system`, which reads any partner's jobs: partner 1's list is there (empty) and a job for it
        // is accepted; a job id 1 is no job (404).
        notInThisState.put("GET /api/partners/{partnerId}/data/jobs", 200);
        notInThisState.put("POST /api/partners/{partnerId}/data/jobs", 202);
        assertThat(run.unaccepted(documented, notInThisState)).as("requests as the OpenAPI document describes them").isEmpty();
    }

    /** Everything a request of this service can write: reads write nothing; credentials and webhook subscriptions. */
    private String writes() {
        return pool.query("""
                        SELECT (SELECT coalesce(max(global_position), 0) FROM event_store WHERE partner_id <> '_system') || '/' ||
                               (SELECT count(*) || ':' || coalesce(max(id), 0) FROM api_credentials) || '/' ||
                               (SELECT count(*) FROM webhook_subscriptions)""")
                .execute().await().indefinitely().iterator().next().getString(0);
    }
}
