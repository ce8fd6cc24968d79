package io.switchboard.web;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void aChunkedBodyUnderTheLimitIsReadByTheEndpoint() throws Exception {
        byte[] body = "{\"display_name\":\"Chunky\",\"count\":2,\"owner\":{\"phone\":\"1\"}}"
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/probe/things"))
                .header("Authorization", "Bearer " + TestTokens.bearer("acme", Roles.AGENT))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("Chunky", JsonPath.from(response.body()).getString("display_name"));
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
