package io.switchboard.reporting.dataapi;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.reporting.dataapi.policy.DataActions;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Access policies are data: the defaults (seed 000's three, Dimension access and Analytics) exist for every partner, a
 * partner admin lists, creates, changes and deletes policies and assigns them to roles, and every action is enforced by them.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class AccessPolicyTest {
    static final String BY_AGENT = "{ getConversationsByAgent(agentId: \"101\") { edges { cursor } } }";

    static String partner() {
        return "policy-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification admin(String partner) {
        return given().auth().oauth2(TestTokens.bearer(partner, "admin")).contentType(ContentType.JSON);
    }

    static int byAgentAs(String partner, String... roles) {
        return given().auth().oauth2(TestTokens.agent(partner, 101, roles)).contentType(ContentType.JSON)
                .header("x-cp-partner-id", partner).body(Map.of("query", BY_AGENT))
                .post("/api/partners/" + partner + "/data/conversationdata/getConversationsByAgent").statusCode();
    }

    @Test
    void everyPartnerStartsWithTheDefaults() {
        String partner = partner();
        admin(partner).get("/api/partners/" + partner + "/access-policies").then().statusCode(200)
                .body("name", containsInAnyOrder("Conversation access", "Transcript search", "Claim release",
                        "Dimension access", "Analytics"))
                .body("find { it.name == 'Conversation access' }.roles",
                        containsInAnyOrder("agent", "enhanced-agent", "supervisor", "admin"))
                .body("find { it.name == 'Conversation access' }.actions", hasSize(6))
                .body("find { it.name == 'Transcript search' }.roles", containsInAnyOrder("supervisor", "admin"))
                .body("find { it.name == 'Transcript search' }.actions", containsInAnyOrder(
                        "conversationdata:getConversationsByAttributes", "conversationdata:getConversationsByAgent",
                        "conversationdata:GetMarkedConversations", "conversationdata:GetQueuedConversations"))
                .body("find { it.name == 'Claim release' }.roles", containsInAnyOrder("enhanced-agent", "supervisor", "admin"))
                .body("find { it.name == 'Claim release' }.actions", equalTo(List.of("conversationdata:getClaimedConversations")));
        admin(partner).get("/api/partners/" + partner + "/access-policy-roles").then().statusCode(200)
                .body("role", containsInAnyOrder("admin", "agent", "enhanced-agent", "supervisor"))
                .body("find { it.role == 'agent' }.policies", hasSize(2))
                .body("find { it.role == 'supervisor' }.policies", hasSize(5));
        // Defaults are created once per partner: reading again changes nothing.
        admin(partner).get("/api/partners/" + partner + "/access-policies").then().statusCode(200).body("$", hasSize(DataActions.DEFAULTS.size()));
    }

    @Test
    void anAgentGetsTranscriptSearchOnlyOnceAnAdminGrantsIt() {
        String partner = partner();
        assertThat(byAgentAs(partner, "agent")).isEqualTo(403);
        given().auth().oauth2(TestTokens.agent(partner, 101, "agent")).contentType(ContentType.JSON)
                .header("x-cp-partner-id", partner).body(Map.of("query", BY_AGENT))
                .post("/api/partners/" + partner + "/data/conversationdata/getConversationsByAgent").then()
                .statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("conversationdata:getConversationsByAgent"))
                .body("errors[0].field", equalTo("action"));
        assertThat(byAgentAs(partner, "supervisor")).isEqualTo(200);

        // The admin creates a policy with the one action and adds it to the agent role's policies.
        String policy = admin(partner).body(Map.of("name", "Agent search", "description", "agents search by agent",
                        "actions", List.of("conversationdata:getConversationsByAgent")))
                .post("/api/partners/" + partner + "/access-policies").then().statusCode(201)
                .body("name", equalTo("Agent search")).body("roles", hasSize(0))
                .extract().path("id");
        List<String> agentPolicies = new ArrayList<>(admin(partner).get("/api/partners/" + partner + "/access-policy-roles")
                .then().statusCode(200).extract().path("find { it.role == 'agent' }.policies"));
        agentPolicies.add(policy);
        admin(partner).body(Map.of("policies", agentPolicies)).put("/api/partners/" + partner + "/access-policy-roles/agent")
                .then().statusCode(200).body("policies", hasSize(3));
        assertThat(byAgentAs(partner, "agent")).isEqualTo(200);

        // Changing the policy's actions takes the grant away again; deleting it removes it from the role.
        admin(partner).body(Map.of("name", "Agent search", "actions", List.of("conversationdata:getConversationById")))
                .put("/api/partners/" + partner + "/access-policies/" + policy).then().statusCode(200)
                .body("roles", equalTo(List.of("agent")));
        assertThat(byAgentAs(partner, "agent")).isEqualTo(403);
        admin(partner).delete("/api/partners/" + partner + "/access-policies/" + policy).then().statusCode(204);
        admin(partner).get("/api/partners/" + partner + "/access-policy-roles").then().statusCode(200)
                .body("find { it.role == 'agent' }.policies", hasSize(2));
        // Another partner's agents are untouched by this partner's policies.
        assertThat(byAgentAs(partner(), "agent")).isEqualTo(403);
    }

    @Test
    void invalidPoliciesAreRefusedNamingTheField() {
        String partner = partner();
        String base = "/api/partners/" + partner + "/access-policies";
        admin(partner).body(Map.of("name", "x", "actions", List.of("conversationdata:dropEverything")))
                .post(base).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("actions[0]"));
        admin(partner).body(Map.of("name", "x", "actions", List.of())).post(base).then().statusCode(400)
                .body("errors[0].field", equalTo("actions"));
        admin(partner).body(Map.of("name", "n".repeat(101), "actions", List.of("conversationdata:getConversationById")))
                .post(base).then().statusCode(400).body("errors[0].field", equalTo("name"));
        admin(partner).body(Map.of("name", "Transcript search", "actions", List.of("conversationdata:getConversationById")))
                .post(base).then().statusCode(400).body("errors[0].field", equalTo("name"));
        admin(partner).body(Map.of("name", "x", "actions", "conversationdata:getConversationById")).post(base).then()
                .statusCode(400);
        admin(partner).body(Map.of("policies", List.of(UUID.randomUUID().toString())))
                .put("/api/partners/" + partner + "/access-policy-roles/agent").then().statusCode(400)
                .body("errors[0].field", equalTo("policies[0]"));
        admin(partner).body(Map.of("policies", List.of())).put("/api/partners/" + partner + "/access-policy-roles/system")
                .then().statusCode(404);
        admin(partner).body(Map.of("policies", List.of("not-a-uuid")))
                .put("/api/partners/" + partner + "/access-policy-roles/agent").then().statusCode(400);
        admin(partner).body(Map.of("name", "x", "actions", List.of("conversationdata:getConversationById")))
                .put(base + "/" + UUID.randomUUID()).then().statusCode(404);
        admin(partner).delete(base + "/not-an-id").then().statusCode(404);
        // At most 50 policies per partner, the defaults included.
        for (int i = 0; i < io.switchboard.reporting.dataapi.policy.AccessPolicies.MAX_POLICIES
                - io.switchboard.reporting.dataapi.policy.DataActions.DEFAULTS.size(); i++) {
            admin(partner).body(Map.of("name", "p" + i, "actions", List.of("conversationdata:getConversationById")))
                    .post(base).then().statusCode(201);
        }
        admin(partner).body(Map.of("name", "one too many", "actions", List.of("conversationdata:getConversationById")))
                .post(base).then().statusCode(400).body("errors[0].field", equalTo("name"));
    }

    @Test
    void onlyThepartnersOwnAdminManagesItsPolicies() {
        String partner = partner();
        String other = partner();
        admin(other).get("/api/partners/" + partner + "/access-policies").then().statusCode(404);
        admin(other).body(Map.of("name", "x", "actions", List.of("conversationdata:getConversationById")))
                .post("/api/partners/" + partner + "/access-policies").then().statusCode(404);
        String policyOfPartner = admin(partner).get("/api/partners/" + partner + "/access-policies").then().statusCode(200)
                .extract().path("[0].id");
        // Another partner's policy id on the caller's own path is not found either.
        admin(other).delete("/api/partners/" + other + "/access-policies/" + policyOfPartner).then().statusCode(404);
        for (String role : List.of("agent", "enhanced-agent", "supervisor")) {
            given().auth().oauth2(TestTokens.bearer(partner, role)).get("/api/partners/" + partner + "/access-policies")
                    .then().statusCode(403);
        }
        given().get("/api/partners/" + partner + "/access-policies").then().statusCode(401);
    }
}
