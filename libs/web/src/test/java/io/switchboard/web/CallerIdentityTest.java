package io.switchboard.web;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The agent a caller acts as: an agent only as itself, a supervisor, admin or system caller for others. */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "web_test"))
class CallerIdentityTest {
    private static final String PROBLEM = "application/problem+json";

    private static io.restassured.response.ValidatableResponse acting(String token, Long named) {
        var request = given().auth().oauth2(token);
        if (named != null) {
            request = request.queryParam("agent_id", named);
        }
        return request.when().get("/probe/acting-agent").then();
    }

    @Test
    void anAgentActsOnlyAsTheAgentOfItsToken() {
        String ann = TestTokens.agent("acme", 77, Roles.AGENT);

        acting(ann, null).statusCode(200).body("own", equalTo(77), "acts_for_others", equalTo(false), "acting", equalTo(77));
        acting(ann, 77L).statusCode(200).body("acting", equalTo(77));
        acting(ann, 78L).statusCode(403).contentType(PROBLEM)
                .body("errors[0].field", equalTo("agent_id"), "detail", containsString("acts only as itself"));
        acting(TestTokens.agent("acme", 77, Roles.AGENT, Roles.ENHANCED_AGENT), 78L).statusCode(403);
    }

    @Test
    void theClaimMayBeANumberOrNumericTextAndAnythingElseIsNoAgent() {
        acting(TestTokens.token().partner("acme").roles(Roles.AGENT).agentIdClaim("77").sign(), null)
                .statusCode(200).body("acting", equalTo(77));
        for (Object notAnId : List.of("seventy-seven", "0", "-5", "1.5", "99999999999999999999", Map.of("id", 77))) {
            acting(TestTokens.token().partner("acme").roles(Roles.AGENT).agentIdClaim(notAnId).sign(), null)
                    .statusCode(403).contentType(PROBLEM).body("detail", containsString("not linked to an agent"));
        }
        acting(TestTokens.bearer("acme", Roles.AGENT), null).statusCode(403).body("errors[0].field", equalTo("agent_id"));
    }

    @Test
    void supervisorsAdminsAndSystemCallersActForTheAgentTheyName() {
        for (String role : List.of(Roles.SUPERVISOR, Roles.ADMIN, Roles.SYSTEM)) {
            acting(TestTokens.bearer("acme", role), 78L).statusCode(200)
                    .body("acts_for_others", equalTo(true), "own", nullValue(), "acting", equalTo(78));
        }
        acting(TestTokens.agent("acme", 5, Roles.AGENT, Roles.SUPERVISOR), null).statusCode(200).body("acting", equalTo(5));
        acting(TestTokens.bearer("acme", Roles.SUPERVISOR), null).statusCode(200).body("acting", nullValue());
    }

    @Test
    void apiCredentialsActByTheirRolesWithoutAnAgent() {
        String admin = TestTokens.bearer("acme", Roles.ADMIN);
        String agentRole = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "desk", "roles", List.of("agent")))
                .when().post("/admin/api-credentials").then().statusCode(201).extract().path("token");
        String supervisorRole = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "extractor"))
                .when().post("/admin/api-credentials").then().statusCode(201).extract().path("token");

        given().auth().preemptive().basic("acme", agentRole).queryParam("agent_id", 77).when().get("/probe/acting-agent")
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().preemptive().basic("acme", supervisorRole).queryParam("agent_id", 77).when().get("/probe/acting-agent")
                .then().statusCode(200).body("acting", equalTo(77), "own", nullValue());
    }
}
