package io.switchboard.interaction.agentstatus.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.interaction.directory.DirectoryFixtures.Stored;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.S3TestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static io.switchboard.interaction.directory.DirectoryFixtures.BASE;
import static io.switchboard.interaction.directory.DirectoryFixtures.PROBLEM;
import static io.switchboard.interaction.directory.DirectoryFixtures.admin;
import static io.switchboard.interaction.directory.DirectoryFixtures.agentToken;
import static io.switchboard.interaction.directory.DirectoryFixtures.eventTypes;
import static io.switchboard.interaction.directory.DirectoryFixtures.events;
import static io.switchboard.interaction.directory.DirectoryFixtures.newAgent;
import static io.switchboard.interaction.directory.DirectoryFixtures.newPartner;
import static io.switchboard.interaction.directory.DirectoryFixtures.supervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "interaction"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class AgentStatusApiTest {
    private static final String MILLIS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    @Inject
    Pool pool;

    @Test
    void aSupervisorSetsAnAgentsStatusAndEachChangeIsAnEvent() {
        String partner = newPartner();
        int ann = newAgent(admin(partner), "Ann");
        String supervisor = supervisor(partner, 3);

        given().auth().oauth2(supervisor).contentType(ContentType.JSON).body("{\"status\": \"available\"}")
                .when().put(BASE + "/agents/" + ann + "/status")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("keySet()", containsInAnyOrder("agent_id", "status", "reason", "changed_at"))
                .body("agent_id", equalTo(ann), "status", equalTo("available"), "reason", nullValue(),
                        "changed_at", matchesPattern(MILLIS));
        given().auth().oauth2(supervisor).contentType(ContentType.JSON).body("{\"status\": \"unavailable\", \"reason\": \"training\"}")
                .when().put(BASE + "/agents/" + ann + "/status")
                .then().statusCode(200).body("status", equalTo("unavailable"), "reason", equalTo("training"));
        // The same status again changes nothing and writes nothing.
        given().auth().oauth2(supervisor).contentType(ContentType.JSON).body("{\"status\": \"unavailable\", \"reason\": \"training\"}")
                .when().put(BASE + "/agents/" + ann + "/status").then().statusCode(200).body("reason", equalTo("training"));

        List<Stored> changes = events(pool, "agent-" + ann).stream().filter(e -> e.type().equals("AgentStatusChanged")).toList();
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).streamType()).isEqualTo("agent");
        assertThat(changes.get(0).data().getString("previousStatus")).isEqualTo("offline");
        assertThat(changes.get(0).data().getString("status")).isEqualTo("available");
        assertThat(changes.get(1).data().getString("previousStatus")).isEqualTo("available");
        assertThat(changes.get(1).data().getString("reason")).isEqualTo("training");
        assertThat(changes.get(1).data().getString("changedAt")).matches(MILLIS);
    }

    @Test
    void anAgentSetsTheirOwnStatusThroughTheAgentIdClaim() {
        String partner = newPartner();
        int ann = newAgent(admin(partner), "Ann");

        given().auth().oauth2(agentToken(partner, (long) ann, "agent")).contentType(ContentType.JSON)
                .body("{\"status\": \"unavailable\", \"reason\": \"lunch\"}")
                .when().put(BASE + "/agents/me/status")
                .then().statusCode(200).body("agent_id", equalTo(ann), "status", equalTo("unavailable"), "reason", equalTo("lunch"));
        given().auth().oauth2(agentToken(partner, (long) ann, "enhanced-agent")).contentType(ContentType.JSON)
                .body("{\"status\": \"offline\"}")
                .when().put(BASE + "/agents/me/status").then().statusCode(200).body("status", equalTo("offline"));
        assertThat(eventTypes(pool, "agent-" + ann)).containsExactly("AgentCreated", "AgentStatusChanged", "AgentStatusChanged");
    }

    @Test
    void meWithoutAnAgentIdIsForbiddenAndAnotherPartnersAgentIsNotFound() {
        String partner = newPartner();
        int foreign = newAgent(admin(newPartner()), "Zed");
        given().auth().oauth2(agentToken(partner, null, "agent")).contentType(ContentType.JSON).body("{\"status\": \"available\"}")
                .when().put(BASE + "/agents/me/status").then().statusCode(403).contentType(PROBLEM)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("agent_id"));
        given().auth().oauth2(agentToken(partner, (long) foreign, "agent")).contentType(ContentType.JSON).body("{\"status\": \"available\"}")
                .when().put(BASE + "/agents/me/status").then().statusCode(404).contentType(PROBLEM);
        assertThat(eventTypes(pool, "agent-" + foreign)).containsExactly("AgentCreated");
    }

    @Test
    void invalidStatusesAndReasonsAreProblemsNamingTheField() {
        String partner = newPartner();
        int ann = newAgent(admin(partner), "Ann");
        expectInvalid(partner, ann, "{\"status\": \"unavailable\"}", "reason");
        expectInvalid(partner, ann, "{\"status\": \"unavailable\", \"reason\": \"nap\"}", "reason");
        expectInvalid(partner, ann, "{\"status\": \"available\", \"reason\": \"break\"}", "reason");
        expectInvalid(partner, ann, "{\"status\": \"in_call\"}", "status");
        expectInvalid(partner, ann, "{}", "status");
        assertThat(eventTypes(pool, "agent-" + ann)).containsExactly("AgentCreated");
    }

    @Test
    void rolesTokensPartnersAndDeactivationAreEnforced() {
        String partner = newPartner();
        int ann = newAgent(admin(partner), "Ann");
        String body = "{\"status\": \"available\"}";

        given().contentType(ContentType.JSON).body(body).when().put(BASE + "/agents/" + ann + "/status").then().statusCode(401);
        given().contentType(ContentType.JSON).body(body).when().put(BASE + "/agents/me/status").then().statusCode(401);
        // Agents set only their own status; supervisors use the agent's id.
        given().auth().oauth2(agentToken(partner, (long) ann, "agent")).contentType(ContentType.JSON).body(body)
                .when().put(BASE + "/agents/" + ann + "/status").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.bearer(partner, "supervisor")).contentType(ContentType.JSON).body(body)
                .when().put(BASE + "/agents/me/status").then().statusCode(403);
        given().auth().oauth2(admin(newPartner())).contentType(ContentType.JSON).body(body)
                .when().put(BASE + "/agents/" + ann + "/status").then().statusCode(404);

        given().auth().oauth2(admin(partner)).when().delete(BASE + "/agents/" + ann).then().statusCode(200);
        given().auth().oauth2(admin(partner)).contentType(ContentType.JSON).body(body)
                .when().put(BASE + "/agents/" + ann + "/status").then().statusCode(409).body("detail", containsString("inactive"));
        assertThat(eventTypes(pool, "agent-" + ann)).containsExactly("AgentCreated", "AgentDeactivated");
    }

    private static void expectInvalid(String partner, int agent, String body, String field) {
        given().auth().oauth2(admin(partner)).contentType(ContentType.JSON).body(body)
                .when().put(BASE + "/agents/" + agent + "/status")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", equalTo(List.of(field)));
    }
}
