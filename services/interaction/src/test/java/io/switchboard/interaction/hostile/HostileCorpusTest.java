package io.switchboard.interaction.hostile;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.S3TestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.hostile.CorpusRun;
import io.switchboard.testing.hostile.Family;
import io.switchboard.testing.hostile.HostileCase;
import io.switchboard.testing.hostile.HostileCorpus;
import io.switchboard.testing.hostile.HostileCorpus.Target;
import io.switchboard.testing.hostile.OpenApi;
import io.switchboard.testing.hostile.WireSchema;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import static io.restassured.RestAssured.given;
import static io.switchboard.interaction.directory.DirectoryFixtures.agentToken;
import static io.switchboard.interaction.directory.DirectoryFixtures.newAgent;
import static io.switchboard.interaction.directory.DirectoryFixtures.newTeam;
import static io.switchboard.interaction.directory.DirectoryFixtures.newVirtualAgent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile corpus (libs/testing) against every endpoint of the interaction service — directory,
 * agent status, calls (including the provider's webhook), interaction history — taken from its
 * OpenAPI document: no answer is a 5xx, every refusal is problem+json naming the field, and no
 * refused request writes anything (event store, API credentials, interaction ids, caller attributes,
 * photos).
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "interaction"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class HostileCorpusTest {
    private static final String PARTNER = "acme";
    private static final String ACCOUNT = "hostile-account";
    private static final String HISTORY = "/interact/agent/version/{version}/account/{accountID}/interactions";

    @Inject
    Pool pool;

    private record Fixture(int team, int otherTeam, int agent, int virtualAgent, int menu, int call, String uid) {
    }

    private static Fixture fixture() {
        String admin = TestTokens.bearer(PARTNER, "admin");
        int team = newTeam(admin, "Hostile team", null);
        int otherTeam = newTeam(admin, "Other team", null);
        int agent = newAgent(admin, "Hostile", team);
        int virtualAgent = newVirtualAgent(admin, "Hostile bot");
        int menu = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\": \"Support\", \"channel\": \"voice\", \"menu_type\": \"ivr_menu\"}")
                .post("/manager/api/v1/menus").then().statusCode(201).extract().path("id");
        int call = given().auth().oauth2(TestTokens.bearer(PARTNER, "agent")).contentType(ContentType.JSON)
                .body("{\"call_type\": \"Voice Inbound (API)\", \"end_user_number\": \"+1 555 0100\", \"menu_id\": " + menu + "}")
                .post("/apps/api/v1/calls").then().statusCode(201).extract().path("id");
        String uid = given().auth().oauth2(admin).header("Tenant-Id", PARTNER).contentType(ContentType.JSON)
                .body("{\"dialled_number\": \"+15555550100\"}")
                .post(HISTORY.replace("{version}", "2").replace("{accountID}", ACCOUNT)).then().statusCode(201)
                .extract().path("interaction_unique_id");
        return new Fixture(team, otherTeam, agent, virtualAgent, menu, call, uid);
    }

    /** A valid request per write endpoint; each hostile case changes one thing of it. */
    private static Map<String, UnaryOperator<Target>> samples(Fixture f) {
        Map<String, UnaryOperator<Target>> samples = new LinkedHashMap<>();
        String agent = """
                {"name": "Ann Lee", "first_name": "Ann", "last_name": "Lee", "email": "ann.lee@example.com",
                 "avatar_url": "https://example.com/ann.png", "roles": ["agent"], "teams": [{"id": %d}]}""".formatted(f.team);
        samples.put("POST /manager/api/v1/agents", t -> t.sample(agent));
        samples.put("PATCH /manager/api/v1/agents/{id}", t -> t.sample(agent).path("id", f.agent));
        samples.put("POST /manager/api/v1/teams", t -> t.sample("{\"name\": \"Team B\", \"parent_id\": %d}".formatted(f.team)));
        samples.put("PATCH /manager/api/v1/teams/{id}", t -> t.path("id", f.team)
                .sample("{\"name\": \"Team C\", \"parent_id\": %d}".formatted(f.otherTeam)));
        samples.put("POST /manager/api/v1/teams/{id}/assignees", t -> t.path("id", f.team)
                .sample("{\"agent_id\": %d}".formatted(f.agent)));
        String menu = """
                {"name": "Billing", "channel": "voice", "menu_type": "ivr_menu", "team_assignments": [{"team": {"id": %d}}],
                 "virtual_agent_id": %d}""".formatted(f.team, f.virtualAgent);
        samples.put("POST /manager/api/v1/menus", t -> t.sample(menu.replace("\"name\"", "\"parent_id\": " + f.menu + ", \"name\"")));
        samples.put("PATCH /manager/api/v1/menus/{id}", t -> t.path("id", f.menu).sample(menu));
        samples.put("POST /manager/api/v1/virtual_agents",
                t -> t.sample("{\"name\": \"Bot 2\", \"avatar_url\": \"https://cdn.example.com/bots/2.png\"}"));
        samples.put("PATCH /manager/api/v1/virtual_agents/{id}", t -> t.path("id", f.virtualAgent)
                .sample("{\"name\": \"Bot 3\", \"avatar_url\": \"https://cdn.example.com/bots/3.png\"}"));
        samples.put("PUT /manager/api/v1/agents/{id}/status", t -> t.path("id", f.agent)
                .sample("{\"status\": \"unavailable\", \"reason\": \"break\"}"));
        samples.put("PUT /manager/api/v1/agents/me/status", t -> t.sample("{\"status\": \"unavailable\", \"reason\": \"break\"}"));
        samples.put("PUT /manager/api/v1/settings/organization",
                t -> t.sample("{\"name\": \"Acme Corp\", \"time_zone\": \"Europe/Berlin\", \"language\": \"en\"}"));
        samples.put("POST /apps/api/v1/calls", t -> t.sample("""
                {"call_type": "Voice Inbound (API)", "lang": "en", "end_user_number": "+1 555 0100", "dialed_number": "+1 555 0199",
                 "ticket_id": "T-1", "agent_email": "ann.lee@example.com", "agent_id": %d, "outbound_number": "+1 555 0101",
                 "menu_id": %d, "recording_permission": "recording_permission_granted"}""".formatted(f.agent, f.menu)));
        samples.put("PATCH /apps/api/v1/calls/{id}/customer_flag", t -> t.path("id", f.call)
                .sample("{\"verified_customer\": true, \"bad_actor\": false, \"repeat_customer\": true}"));
        samples.put("PUT /apps/api/v1/calls/add/{call_id}/dial", t -> t.path("call_id", f.call).sample("""
                {"agent_email": "ann.lee@example.com", "agent_id": %d, "outbound_number": "+1 555 0101",
                 "phone_number": "+1 555 0102"}""".formatted(f.agent)));
        samples.put("POST /apps/api/v1/calls/{id}/events/{step}", t -> t.path("id", f.call).path("step", "hold")
                // Bodiless steps come without a Content-Type from some providers.
                .optionalBody().undeclaredTypeIsJson().sample("""
                {"at": "2026-01-01T00:00:00.000Z", "agent_id": %d, "menu_id": %d, "target_type": "agent", "to_agent_id": %d,
                 "to_team_id": %d, "to_number": "+1 555 0103", "participant_id": 1, "participant_type": "agent",
                 "user_id": %d, "end_user_id": 42, "phone_number": "+1 555 0104", "disconnected_by": "disconnected_by_agent",
                 "fail_reason": "nothing", "recording_url": "https://example.com/r.mp3", "duration": 30,
                 "voicemail_reason": "busy"}""".formatted(f.agent, f.menu, f.agent, f.team, f.agent)));
        samples.put("POST " + HISTORY, t -> t.sample("""
                {"dialled_number": "+15555550100", "caller_attributes": {"call_return_number": "+15555550100"}}"""));
        samples.put("POST " + HISTORY + "/{uid}/steps", t -> t.sample("""
                {"step_type": "screen", "screen_id": "billing", "screen_title": "Billing", "header": "<p>How can we help?</p>",
                 "elements": [{"id": "pay", "label": "Pay my bill", "presentation": "choiceOption"}]}"""));
        samples.put("PUT " + HISTORY + "/{uid}/variableSet/{setName}", t -> t.sample("{\"voice\": {\"data\": {\"lang\": \"en\"}}}"));
        samples.put("POST " + HISTORY + "/{uid}/end", t -> t.optionalBody().sample("{\"reason\": \"done\"}"));
        samples.put("POST /admin/api-credentials", t -> t.sample("{\"name\": \"extractor\", \"roles\": [\"supervisor\"]}"));
        return samples;
    }

    /** Where the schema cannot say it (menu_id and call_id take an integer or its digits as text). */
    private static List<HostileCase> callIdCases(int menu) {
        List<HostileCase> cases = new ArrayList<>();
        for (String field : List.of("menu_id", "call_id")) {
            for (String value : List.of("1.5", "2.0", "\"seven\"", "true", "[1]", "{\"id\": 1}", "\"1e3\"", "-4", "\"\\u00007\"",
                    "99999999999999999999")) {
                String body = "{\"call_type\": \"Voice Inbound (API)\", \"end_user_number\": \"+1 555 0100\", \"menu_id\": " + menu
                        + ", \"" + field + "\": " + value + "}";
                body = body.replace("\"menu_id\": " + menu + ", \"menu_id\"", "\"menu_id\"");
                cases.add(new HostileCase(value.contains(".") ? Family.FLOAT_FOR_INTEGER : Family.WRONG_TYPE,
                        field + " = " + value, "POST", "/apps/api/v1/calls", Map.of(), "application/json",
                        body.getBytes(StandardCharsets.UTF_8), field, Set.of(400), true));
            }
        }
        return cases;
    }

    @Test
    void noHostileRequestIsA500OrGetsIn() {
        Fixture f = fixture();
        String token = agentToken(PARTNER, (long) f.agent, "agent", "enhanced-agent", "supervisor", "admin", "system");
        String document = given().auth().oauth2(token).get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        List<OpenApi.Operation> operations = OpenApi.parse(document).operations();
        Map<String, UnaryOperator<Target>> samples = samples(f);

        List<HostileCase> cases = new ArrayList<>(callIdCases(f.menu));
        List<String> withoutSample = new ArrayList<>();
        List<String> wire = new ArrayList<>();
        for (OpenApi.Operation operation : operations) {
            if (operation.jsonBody().isPresent() && !samples.containsKey(operation.toString())) {
                withoutSample.add(operation.toString());
            }
            Target sampled = target(operation, f, samples);
            wire.addAll(sampled.wireMismatches());
            if (operation.method().equals("GET")) {
                wire.addAll(WireSchema.readMismatches(sampled, given().auth().oauth2(token)));
            }
            cases.addAll(HostileCorpus.cases(sampled));
        }
        assertThat(withoutSample).as("write endpoints without a sample body in this test (add one)").isEmpty();
        assertThat(wire).as("valid bodies of the wire against the OpenAPI request schemas").isEmpty();
        assertThat(samples.keySet()).as("samples of endpoints the OpenAPI document no longer has")
                .isSubsetOf(operations.stream().map(OpenApi.Operation::toString).toList());

        CorpusRun run = new CorpusRun(() -> given().auth().oauth2(token), this::writes).run(cases);
        run.verify("interaction");
        assertThat(run.total()).isGreaterThan(500);
        // Last, as they write: each endpoint's request as the document describes it, on a directory, call and
        // interaction of its own, is accepted, but for what the state refuses.
        List<Target> documented = new ArrayList<>();
        for (OpenApi.Operation operation : operations) {
            Fixture own = fixture();
            documented.add(target(operation, own, samples(own)));
        }
        Map<String, Integer> notInThisState = Map.ofEntries(
                Map.entry("DELETE /admin/api-credentials/{id}", 404),                 // credential 999999999 was never issued
                // No read model is named 1: a real rebuild here would disturb the other test classes' consumers.
                Map.entry("GET /admin/read-models/{readModel}", 404),
                Map.entry("POST /admin/read-models/{readModel}/rebuild", 404),
                Map.entry("PUT /apps/api/v1/calls/add/{call_id}/dial", 409),          // the fixture's call is queued, not connected
                Map.entry("POST /apps/api/v1/calls/{id}/events/{step}", 409),         // hold: the same
                Map.entry("POST " + HISTORY + "/{uid}/photos", 409),                  // no screen has been shown
                // Lookups of what the fixture never wrote.
                Map.entry("GET /interact/agent/version/{version}/account/{accountID}/interactiondata/{uid}/variableSet/{setId}", 404),
                Map.entry("GET /interact/agent/version/{version}/account/{accountID}/interactiondata/{value}/variableSet/{setName}/byCallerAttribute", 404),
                Map.entry("GET /interact/agent/version/{version}/account/{accountID}/photo/{uid}/{imgPath}", 404),
                Map.entry("GET /interact/agent/version/{version}/account/{accountID}/uniqueId/callReturn/{number}", 404),
                Map.entry("GET /interact/agent/version/{version}/account/{accountID}/uniqueId/clickToCall/{callerId}", 404),
                Map.entry("GET /interact/agent/version/{version}/account/{accountID}/uniqueId/historySearchId/{id}", 404));
        assertThat(run.unaccepted(documented, notInThisState)).as("requests as the OpenAPI document describes them").isEmpty();
    }

    /** The endpoint's request on the fixture: its path values, headers and parameters, and its sample body. */
    private static Target target(OpenApi.Operation operation, Fixture f, Map<String, UnaryOperator<Target>> samples) {
        String path = operation.path();
        // {id} is the fixture's own of the resource the path names (a write on another id would hit whatever has
        // it); a credential id is one no test issues.
        long id = path.startsWith("/manager/api/v1/agents/") ? f.agent : path.startsWith("/manager/api/v1/teams/") ? f.team
                : path.startsWith("/manager/api/v1/menus/") ? f.menu
                : path.startsWith("/manager/api/v1/virtual_agents/") ? f.virtualAgent
                : path.startsWith("/admin/api-credentials/") ? 999_999_999 : f.call;
        Target target = Target.of(operation).path("id", id).path("call_id", f.call).path("agent_id", f.agent)
                .path("version", "2").path("accountID", ACCOUNT).path("uid", f.uid).path("setName", "voice")
                .path("setId", "voice").path("dtmf", f.uid).path("value", "+15555550100");
        if (path.startsWith("/interact/")) {
            target.header("Tenant-Id", PARTNER);
        }
        if (path.contains("/photo/")) {
            target.query("maxSize=100");
        }
        if (path.endsWith("/photos")) {
            target.query("screen_id=receipt&element_id=photo").rawSample("image/png", png());
        }
        UnaryOperator<Target> sample = samples.get(operation.toString());
        return sample == null ? target : sample.apply(target);
    }

    private static byte[] png() {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(2, 2, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Everything a request of this service can write. Not what the service writes on its own meanwhile: its
     * heartbeats (partner {@code _system}) and the agent statuses that follow the work of calls accepted
     * earlier in the corpus (in_call, wrap_up and its end, appended by the work consumer and the wrap-up
     * sweep whenever they get to it) — a request can never set those.
     */
    private String writes() {
        return pool.query("""
                        SELECT (SELECT coalesce(max(global_position), 0) FROM event_store WHERE partner_id <> '_system'
                                 AND NOT (event_type = 'AgentStatusChanged'
                                          AND (payload -> 'data' ->> 'status' IN ('in_call', 'in_chat', 'wrap_up')
                                               OR payload -> 'data' ->> 'previousStatus' = 'wrap_up'))) || '/' ||
                               (SELECT count(*) || ':' || coalesce(max(id), 0) FROM api_credentials) || '/' ||
                               (SELECT count(*) FROM interaction_unique_ids) || '/' ||
                               (SELECT count(*) FROM interaction_caller_attributes) || '/' ||
                               (SELECT count(*) FROM interaction_photos)""")
                .execute().await().indefinitely().iterator().next().getString(0);
    }
}
