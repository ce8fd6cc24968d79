package io.switchboard.interaction.call;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.eventstore.EventStore;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.S3TestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.switchboard.interaction.call.CallFixtures.ACME_AGENT;
import static io.switchboard.interaction.call.CallFixtures.ACME_SYSTEM;
import static io.switchboard.interaction.call.CallFixtures.ANN_AGENT;
import static io.switchboard.interaction.call.CallFixtures.CALLS;
import static io.switchboard.interaction.call.CallFixtures.PROBLEM;
import static io.switchboard.interaction.call.CallFixtures.connectedCall;
import static io.switchboard.interaction.call.CallFixtures.eventTypes;
import static io.switchboard.interaction.call.CallFixtures.newInboundCall;
import static io.switchboard.interaction.call.CallFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A call names only the caller's partner's menus, teams and agents, and an agent acts only as itself;
 * whatever is refused writes nothing.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "interaction"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(S3TestResource.class)
class CallActorApiTest {
    private static final String GLOBEX_MENU = "900009";
    private static final String OUTBOUND = "{\"call_type\": \"OutboundCall\", \"end_user_number\": \"+1 555 0100\"";

    @Inject
    Pool pool;

    @Inject
    EventStore store;

    @BeforeEach
    void directory() {
        CallFixtures.directory(store);
    }

    private static ValidatableResponse create(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(CALLS).then();
    }

    @Test
    void aCallNamesAMenuOfItsPartner() {
        long before = callEvents();
        for (String menu : new String[]{GLOBEX_MENU, "123456789"}) {
            create(ACME_SYSTEM, "{\"call_type\": \"Voice Inbound (API)\", \"end_user_number\": \"+1 555 0100\", \"menu_id\": " + menu + "}")
                    .statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo("menu_id"), "message", equalTo("menu_id " + menu + " is not found"));
        }
        int id = newInboundCall(ACME_AGENT);
        step(ACME_SYSTEM, id, "queued", "{\"menu_id\": " + GLOBEX_MENU + "}").statusCode(400).body("errors[0].field", equalTo("menu_id"));
        assertThat(callEvents()).isEqualTo(before + eventTypes(pool, id).size());
        assertThat(eventTypes(pool, id)).containsExactly("CallCreated", "ParticipantAdded", "CallQueued");
    }

    @Test
    void stepsNameOnlyAgentsAndTeamsOfThePartner() {
        int queued = newInboundCall(ACME_AGENT);
        step(ACME_SYSTEM, queued, "connecting", "{\"agent_id\": 123456789}").statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("agent_id"));
        int connected = connectedCall();
        int before = eventTypes(pool, connected).size();
        step(ACME_SYSTEM, connected, "transfer", "{\"target_type\": \"agent\", \"to_agent_id\": 123456789}").statusCode(400)
                .body("errors[0].field", equalTo("to_agent_id"));
        step(ACME_SYSTEM, connected, "transfer", "{\"target_type\": \"team\", \"to_team_id\": 123456789}").statusCode(400)
                .body("errors[0].field", equalTo("to_team_id"));
        step(ACME_SYSTEM, connected, "participant_joined", "{\"participant_type\": \"agent\", \"user_id\": 123456789}")
                .statusCode(400).body("errors[0].field", equalTo("user_id"));
        assertThat(eventTypes(pool, queued)).containsExactly("CallCreated", "ParticipantAdded", "CallQueued");
        assertThat(eventTypes(pool, connected)).hasSize(before);

        step(ACME_SYSTEM, connected, "transfer", "{\"target_type\": \"team\", \"to_team_id\": " + CallFixtures.TEAM + "}")
                .statusCode(200);
    }

    @Test
    void anAgentPlacesOutboundCallsOnlyAsItself() {
        long before = callEvents();
        create(ANN_AGENT, OUTBOUND + ", \"agent_id\": 900022}").statusCode(403).contentType(PROBLEM)
                .body("errors[0].field", equalTo("agent_id"), "detail", containsString("acts only as itself"));
        create(ANN_AGENT, OUTBOUND + ", \"agent_email\": \"agent900022@example.com\"}").statusCode(403)
                .body("errors[0].field", equalTo("agent_email"));
        create(ACME_AGENT, OUTBOUND + ", \"agent_email\": \"ann@example.com\"}").statusCode(403)
                .body("errors[0].field", equalTo("agent_email"), "detail", containsString("not linked to an agent"));
        create(TestTokens.agent("acme", 900_009, "agent"), OUTBOUND + "}").statusCode(403) // linked to no agent of acme
                .body("errors[0].field", equalTo("agent_id"));
        create(ACME_SYSTEM, OUTBOUND + ", \"agent_id\": 123456789}").statusCode(400).body("errors[0].field", equalTo("agent_id"));
        assertThat(callEvents()).isEqualTo(before);

        create(ANN_AGENT, OUTBOUND + "}").statusCode(201).body("agent_info.id", equalTo((int) CallFixtures.ANN));
        create(ANN_AGENT, OUTBOUND + ", \"agent_email\": \"ANN@example.com\"}").statusCode(201)
                .body("agent_info.id", equalTo((int) CallFixtures.ANN));
        create(ACME_SYSTEM, OUTBOUND + ", \"agent_id\": 900022}").statusCode(201).body("agent_info.id", equalTo(900022));
    }

    @Test
    void anAgentDialsAThirdPartyOnlyAsItself() {
        int id = connectedCall();
        int before = eventTypes(pool, id).size();
        given().auth().oauth2(ANN_AGENT).contentType(ContentType.JSON)
                .body("{\"agent_id\": 900022, \"phone_number\": \"+1 555 0123\"}")
                .when().put(CALLS + "/add/" + id + "/dial")
                .then().statusCode(403).contentType(PROBLEM).body("errors[0].field", equalTo("agent_id"));
        given().auth().oauth2(TestTokens.agent("acme", 900_022, "agent")).contentType(ContentType.JSON)
                .body("{\"phone_number\": \"+1 555 0123\"}")
                .when().put(CALLS + "/add/" + id + "/dial")
                .then().statusCode(409).body("detail", containsString("not on this call"));
        assertThat(eventTypes(pool, id)).hasSize(before);

        given().auth().oauth2(ANN_AGENT).contentType(ContentType.JSON).body("{\"phone_number\": \"+1 555 0123\"}")
                .when().put(CALLS + "/add/" + id + "/dial").then().statusCode(200);
    }

    private long callEvents() {
        return pool.query("SELECT count(*) FROM event_store WHERE stream_type = 'call'").execute().await().indefinitely()
                .iterator().next().getLong(0);
    }
}
