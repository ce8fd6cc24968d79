package io.switchboard.chat;

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
import io.switchboard.testing.hostile.HostileCorpus.Target;
import io.switchboard.testing.hostile.OpenApi;
import io.switchboard.testing.hostile.WireSchema;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.restassured.RestAssured.given;
import static io.switchboard.chat.ChatFixtures.newChat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile corpus (libs/testing) against every endpoint of the chat service, taken from its
 * OpenAPI document: no answer is a 5xx, every refusal is problem+json naming the field, and no
 * refused request writes anything — not to the event store, not to the idempotency, company-secret
 * or API-credential tables.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "chat"))
@WithTestResource(KafkaTestResource.class)
class HostileCorpusTest {
    /** Every role a chat endpoint asks for. */
    private static final String TOKEN = TestTokens.bearer("acme", "supervisor", "admin");

    @Inject
    Pool pool;

    /**
     * A valid request per write endpoint, on {@code chat}, naming {@code agent}; each hostile case changes one
     * thing of it.
     */
    private static Map<String, UnaryOperator<Target>> samples(int chat, long agent) {
        Map<String, UnaryOperator<Target>> samples = new LinkedHashMap<>();
        samples.put("POST /apps/api/v1/chats", t -> t.sample("""
                {"chat": {"menu_id": 3, "end_user_id": 42, "lang": "en", "email": "ann@example.com",
                          "context": {"value": {"order_id": "A-1"}},
                          "transcript": {"messages": [{"sender_type": "end_user", "text": "hi", "sent_at": "2026-01-01T00:00:00.000Z"}]}},
                 "end_user": {"phone": "+15555550100"}}"""));
        samples.put("PATCH /apps/api/v1/chats/{id}", t -> t.sample("{\"finished_by_user_id\": " + agent + """
                , "chat": {"deflection_channel": "email", "status": "finished", "escalation_id": 1}}"""));
        samples.put("POST /apps/api/v1/chats/{id}/message", t -> t.sample("{\"from_user_id\": " + agent + """
                , "message": {"type": "text", "content": "hello"}}"""));
        samples.put("POST /apps/api/v1/chats/{id}/escalations", t -> t.sample("""
                {"reason": "needs a human", "force_escalate": false}"""));
        samples.put("PATCH /apps/api/v1/chats/{id}/escalations/{escalationId}", t -> t.sample("""
                {"deflection_channel": "email"}"""));
        samples.put("POST /apps/api/v1/chats/{id}/customer_flag", t -> t.sample("""
                {"verified_customer": true, "bad_actor": false, "repeat_customer": true}"""));
        samples.put("POST /apps/api/v1/chats/{id}/custom_data", t -> t.sample("""
                {"signed": false, "data": {"order": {"label": "Order", "value": "A-1"}}}"""));
        samples.put("PUT /apps/api/v1/admin/company-secret", t -> t.sample("""
                {"secret": "acme-company-secret-of-at-least-32-characters"}"""));
        samples.put("POST /apps/api/v1/chats/{id}/claim", t -> t.sample("{\"agent_id\": " + agent + "}").optionalBody());
        samples.put("POST /apps/api/v1/chats/{id}/release", t -> t.sample("{\"agent_id\": " + agent + "}").optionalBody());
        samples.put("POST /apps/api/v1/chats/{id}/mark", t -> t.sample("{\"user_id\": " + agent + """
                , "mark": "review", "note": "check the greeting"}"""));
        samples.put("POST /apps/api/v1/chats/{id}/end-user", t -> t.sample("""
                {"identifier": "cust-1", "name": "Ann", "email": "ann@example.com", "phone": "+15555550100"}"""));
        samples.put("POST /admin/api-credentials", t -> t.sample("""
                {"name": "extractor", "roles": ["supervisor"]}"""));
        samples.replaceAll((key, sample) -> t -> sample.apply(t.path("id", chat).path("chat_id", chat).path("escalationId", 1)));
        return samples;
    }

    @Test
    void noHostileRequestIsA500OrGetsIn() {
        ChatFixtures.directory(pool); // menu 3 and the agents, whichever test class ran first
        int chat = newChat(TOKEN);
        String document = given().auth().oauth2(TOKEN).get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        List<OpenApi.Operation> operations = OpenApi.parse(document).operations();
        // Agent 7 is no agent of acme: the corpus attacks the request shapes, not the directory.
        Map<String, UnaryOperator<Target>> samples = samples(chat, 7);

        List<HostileCase> cases = new ArrayList<>();
        List<String> withoutSample = new ArrayList<>();
        List<String> wire = new ArrayList<>();
        for (OpenApi.Operation operation : operations) {
            UnaryOperator<Target> sample = samples.get(operation.toString());
            if (operation.takesBody() && sample == null) {
                withoutSample.add(operation.toString());
            }
            Target target = sample != null ? sample.apply(Target.of(operation))
                    : plain(operation, chat);
            wire.addAll(target.wireMismatches());
            if (operation.method().equals("GET")) {
                wire.addAll(WireSchema.readMismatches(target, given().auth().oauth2(TOKEN)));
            }
            cases.addAll(HostileCorpus.cases(target));
        }
        assertThat(withoutSample).as("write endpoints without a sample body in this test (add one)").isEmpty();
        assertThat(wire).as("valid bodies of the wire against the OpenAPI request schemas").isEmpty();
        assertThat(samples.keySet()).as("samples of endpoints the OpenAPI document no longer has")
                .isSubsetOf(operations.stream().map(OpenApi.Operation::toString).toList());

        CorpusRun run = new CorpusRun(() -> given().auth().oauth2(TOKEN), this::writes).run(cases);
        run.verify("chat");
        assertThat(run.total()).isGreaterThan(500);
        // Last, as they write: each endpoint's request as the document describes it, on a queued chat of its own
        // and naming Ann (an agent of acme), is accepted, but for what the state or the token's roles refuse.
        List<Target> documented = new ArrayList<>();
        for (OpenApi.Operation operation : operations) {
            int own = newChat(TOKEN);
            UnaryOperator<Target> sample = samples(own, ChatFixtures.ANN).get(operation.toString());
            documented.add(sample != null ? sample.apply(Target.of(operation))
                    : plain(operation, own));
        }
        Map<String, Integer> notInThisState = Map.of(
                "DELETE /admin/api-credentials/{id}", 404,                       // credential 999999999 was never issued
                "GET /admin/read-models", 403,                                   // the operator's, not a partner admin's
                "GET /admin/read-models/{readModel}", 403,
                "POST /admin/read-models/{readModel}/rebuild", 403,
                "PATCH /apps/api/v1/chats/{id}", 400,                            // names escalation 1, which a queued chat has not
                "POST /apps/api/v1/chats/{id}/escalations", 409,                 // only a chat a virtual agent holds
                "PATCH /apps/api/v1/chats/{id}/escalations/{escalationId}", 404,
                "POST /apps/api/v1/chats/{id}/release", 409);                    // a queued chat is claimed by nobody
        assertThat(run.unaccepted(documented, notInThisState)).as("requests as the OpenAPI document describes them").isEmpty();
    }

    /** An endpoint without a sample body, on {@code chat}; a credential id no test issues (revoking one would take another test's). */
    private static Target plain(OpenApi.Operation operation, int chat) {
        return Target.of(operation).path("id", operation.path().startsWith("/admin/api-credentials/") ? 999_999_999 : chat)
                .path("chat_id", chat);
    }

    /** Everything a request of this service can write. */
    private String writes() {
        return pool.query("""
                        SELECT (SELECT coalesce(max(global_position), 0) FROM event_store WHERE partner_id <> '_system') || '/' ||
                               (SELECT count(*) FROM chat_idempotency) || '/' ||
                               (SELECT coalesce(md5(string_agg(partner_id || ':' || secret || ':' || updated_at, ','
                                        ORDER BY partner_id)), '') FROM company_secrets) || '/' ||
                               (SELECT count(*) || ':' || coalesce(max(id), 0) FROM api_credentials)""")
                .execute().await().indefinitely().iterator().next().getString(0);
    }
}
