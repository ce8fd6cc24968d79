package io.switchboard.web;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "web_test"))
class ProblemAndSecurityTest {
    private static final String PROBLEM = "application/problem+json";

    private static String agentOf(String partner) {
        return TestTokens.bearer(partner, Roles.AGENT);
    }

    @Test
    void aValidTokenIdentifiesThePartner() {
        given().auth().oauth2(agentOf("acme"))
                .when().get("/probe/me")
                .then().statusCode(200).body("partner_id", equalTo("acme"));
    }

    @Test
    void unannotatedEndpointsStillRequireAToken() {
        given().when().get("/probe/me")
                .then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401), "title", equalTo("Unauthorized"), "error", equalTo("Unauthorized"),
                        "instance", equalTo("/probe/me"));
    }

    @Test
    void forgedExpiredOrForeignTokensAreRejected() {
        String[] bad = {
                TestTokens.token().partner("acme").roles(Roles.AGENT).signedByStranger().sign(),
                TestTokens.token().partner("acme").roles(Roles.AGENT).issued(Duration.ofHours(2), Duration.ofHours(1)).sign(),
                TestTokens.token().partner("acme").roles(Roles.AGENT).issuer("https://evil.example/realms/x").sign(),
                TestTokens.token().partner("acme").roles(Roles.AGENT).audience("some-other-service").sign(),
                "not-a-jwt"};
        for (String token : bad) {
            given().auth().oauth2(token).when().get("/probe/me")
                    .then().statusCode(401).contentType(PROBLEM).body("status", equalTo(401));
        }
    }

    @Test
    void aRoleThatIsNotAllowedGets403() {
        given().auth().oauth2(agentOf("acme")).when().get("/probe/supervisors")
                .then().statusCode(403).contentType(PROBLEM).body("status", equalTo(403));
        given().auth().oauth2(TestTokens.bearer("acme", Roles.SUPERVISOR)).when().get("/probe/supervisors")
                .then().statusCode(200);
    }

    @Test
    void aTokenWithoutPartnerIsRefused() {
        given().auth().oauth2(TestTokens.token().roles(Roles.AGENT).sign()).when().get("/probe/me")
                .then().statusCode(403).contentType(PROBLEM).body("detail", containsString("partner_id"));
    }

    @Test
    void validationErrorsNameEachFieldByItsJsonName() {
        given().auth().oauth2(agentOf("acme")).contentType(ContentType.JSON)
                .body("{\"display_name\":\" \",\"count\":0,\"owner\":{\"phone\":\"\"}}")
                .when().post("/probe/things")
                .then().statusCode(400).contentType(PROBLEM)
                .body("status", equalTo(400),
                        "errors.field", hasItems("display_name", "count", "owner.phone"),
                        "detail", containsString("display_name"),
                        "message", containsString("count"));
    }

    @Test
    void aValueOfTheWrongTypeNamesTheField() {
        given().auth().oauth2(agentOf("acme")).contentType(ContentType.JSON)
                .body("{\"display_name\":\"x\",\"count\":\"many\",\"owner\":{\"phone\":\"1\"}}")
                .when().post("/probe/things")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("count"));
    }

    @Test
    void malformedJsonIsA400() {
        given().auth().oauth2(agentOf("acme")).contentType(ContentType.JSON).body("{\"display_name\":")
                .when().post("/probe/things")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("body"));
    }

    @Test
    void domainRejectionsMapToTheirStatus() {
        expectProblem("missing", 404, "chat 42 not found");
        expectProblem("transition", 409, "current status: finished");
        expectProblem("conflict", 409, "changed by another request");
        expectProblem("invalid", 400, "menu 7 does not exist");
    }

    @Test
    void unexpectedErrorsRevealNothingButAnId() {
        given().auth().oauth2(agentOf("acme")).when().get("/probe/fail/boom")
                .then().statusCode(500).contentType(PROBLEM)
                .body("detail", containsString("quote id"), "detail", not(containsString("hunter2")));
    }

    @Test
    void unknownPathsAreProblemsToo() {
        given().auth().oauth2(agentOf("acme")).when().get("/no/such/path")
                .then().statusCode(404).contentType(PROBLEM).body("status", equalTo(404));
    }

    @Test
    void healthNeedsNoToken() {
        given().when().get("/q/health/live").then().statusCode(200);
    }

    private static void expectProblem(String kind, int status, String detail) {
        given().auth().oauth2(agentOf("acme")).when().get("/probe/fail/" + kind)
                .then().statusCode(status).contentType(PROBLEM)
                .body("status", equalTo(status), "detail", containsString(detail), "message", containsString(detail));
    }

    @Test
    void anUnreachableDatabaseIs503WithRetryAfterAndNoStackTrace() {
        given().auth().oauth2(agentOf("acme")).when().get("/probe/unreachable-database")
                .then().statusCode(503).contentType(PROBLEM)
                .header("Retry-After", "2")
                .body("status", equalTo(503), "title", equalTo("Service Unavailable"),
                        "detail", not(containsString("Connection refused")), "instance", equalTo("/probe/unreachable-database"));
    }
}
