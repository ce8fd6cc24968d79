package io.switchboard.web;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Request bodies are bounded at the edge, and an event too large to store is a 413 problem. */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "web_test"))
class BodyLimitTest {

    @Test
    void aBodyJustUnderTheLimitReachesTheEndpoint() {
        String name = "x".repeat(256 * 1024 - 200);
        given().auth().oauth2(TestTokens.bearer("acme", Roles.AGENT)).contentType(ContentType.JSON)
                .body("{\"display_name\":\"" + name + "\",\"count\":1,\"owner\":{\"phone\":\"1\"}}")
                .when().post("/probe/things")
                .then().statusCode(200);
    }

    @Test
    void anEventTooLargeForTheStoreIs413NamingTheBody() {
        given().auth().oauth2(TestTokens.bearer("acme", Roles.AGENT)).contentType(ContentType.TEXT).body("x")
                .when().post("/probe/too-large-event")
                .then().statusCode(413).contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(413), "errors[0].field", equalTo("body"),
                        "type", equalTo("https://switchboard.dev/problems/too-large"),
                        "instance", equalTo("/probe/too-large-event"));
    }
}
