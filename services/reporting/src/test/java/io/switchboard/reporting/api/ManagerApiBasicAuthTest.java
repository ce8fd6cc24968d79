package io.switchboard.reporting.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/**
 * Existing Manager API clients (e.g. open-source extractors) authenticate with HTTP Basic: partner
 * as user name, an API token issued by the partner's admin as password.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class ManagerApiBasicAuthTest {
    private final String partner = "basic-" + UUID.randomUUID().toString().substring(0, 8);

    private String issue(String roles) {
        return given().auth().oauth2(TestTokens.bearer(partner, "admin")).contentType(ContentType.JSON)
                .body("{\"name\": \"extractor\", \"roles\": " + roles + "}")
                .when().post("/admin/api-credentials")
                .then().statusCode(201).extract().path("token");
    }

    @Test
    void aSupervisorApiTokenReadsThePartnersManagerApiWithBasicAuth() {
        String token = issue("[\"supervisor\"]");

        given().auth().preemptive().basic(partner, token).when().get("/manager/api/v1/agents")
                .then().statusCode(200).contentType(ContentType.JSON).header("Switchboard-Watermark", containsString("caught-up="));
        given().auth().preemptive().basic(partner, token).when().get("/manager/api/v1/calls?per=5")
                .then().statusCode(200);
    }

    @Test
    void anAgentTokenAWrongSecretOrAnotherPartnerIsRefused() {
        String agent = issue("[\"agent\"]");
        given().auth().preemptive().basic(partner, agent).when().get("/manager/api/v1/agents").then().statusCode(403);

        String token = issue("[\"supervisor\"]");
        given().auth().preemptive().basic("someone-else", token).when().get("/manager/api/v1/agents").then().statusCode(401);
        given().auth().preemptive().basic(partner, token + "x").when().get("/manager/api/v1/agents").then().statusCode(401);
    }
}
