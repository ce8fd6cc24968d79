package io.switchboard.testing;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every Switchboard service must do, whatever its API: start against the real PostgreSQL with
 * its migrations applied, report health without a token, keep everything else behind
 * authentication (metrics behind the {@code system} role), and answer existing clients' vendor JSON
 * media type on every endpoint. A service's test extends this and adds its {@code @QuarkusTest} resources.
 */
public abstract class ServiceConformanceTest {

    @Inject
    Pool pool;

    @Test
    void readinessIsUpAndChecksTheDatabaseWithoutAToken() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"));
    }

    @Test
    void theEventStoreTableIsMigratedAtStartUp() {
        String table = pool.query("SELECT to_regclass('event_store')::text").execute()
                .await().indefinitely().iterator().next().getString(0);
        assertEquals("event_store", table);
    }

    @Test
    void metricsAreTheOperatorsAndOpenApiNeedsAToken() {
        given().when().get("/q/metrics").then().statusCode(401);
        given().auth().oauth2(TestTokens.bearer("acme", "agent")).when().get("/q/metrics").then().statusCode(403);
        given().auth().oauth2(TestTokens.bearer("acme", "admin")).when().get("/q/metrics").then().statusCode(403);
        given().auth().oauth2(TestTokens.bearer("acme", "system")).when().get("/q/metrics").then().statusCode(200);

        given().when().get("/q/openapi").then().statusCode(401);
        given().auth().oauth2(TestTokens.bearer("acme", "agent")).when().get("/q/openapi").then().statusCode(200);
    }

    /**
     * Existing Manager/Apps API clients send {@code Accept: application/vnd.json}: no endpoint of the
     * service may answer it with 406. Every GET operation of the service's OpenAPI document is called
     * (path parameters set to 1) by a caller holding every role, with that Accept header.
     */
    @Test
    void everyGetEndpointAnswersTheVendorsJsonAcceptWithJson() {
        String token = TestTokens.bearer("conformance-accept", "agent", "enhanced-agent", "supervisor", "admin", "system");
        Map<String, Object> paths = given().auth().oauth2(token).accept("application/json")
                .when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        int called = 0;
        for (Map.Entry<String, Object> path : paths.entrySet()) {
            if (!(path.getValue() instanceof Map<?, ?> operations) || !operations.containsKey("get")
                    || path.getKey().startsWith("/q/") || onlyEventStream(operations.get("get"))) {
                continue;
            }
            String url = path.getKey().replaceAll("\\{[^}]+}", "1");
            var answer = given().auth().oauth2(token).accept("application/vnd.json").urlEncodingEnabled(false)
                    .when().get(url);
            assertNotEquals(406, answer.statusCode(), "GET " + url + " refused Accept: application/vnd.json");
            assertTrue(answer.statusCode() < 500, "GET " + url + " answered " + answer.statusCode());
            if (answer.statusCode() < 300 && answer.body().asByteArray().length > 0) {
                assertTrue(answer.contentType().startsWith("application/json"),
                        "GET " + url + " answered " + answer.contentType());
            }
            called++;
        }
        assertTrue(called > 0, "no GET endpoint was called (every service has at least /admin/api-credentials)");
    }

    /**
     * A Server-Sent Events stream (its 200 is only {@code text/event-stream}) is not a JSON resource: its clients ask
     * for the stream, and a stream that was accepted never ends, so it has no place in the JSON walk above.
     */
    private static boolean onlyEventStream(Object operation) {
        if (operation instanceof Map<?, ?> op && op.get("responses") instanceof Map<?, ?> responses
                && responses.get("200") instanceof Map<?, ?> ok && ok.get("content") instanceof Map<?, ?> content) {
            return !content.isEmpty() && content.keySet().stream().allMatch("text/event-stream"::equals);
        }
        return false;
    }

    @Test
    void unknownApiPathsAnswerWithAProblem() {
        given().auth().oauth2(TestTokens.bearer("acme", "agent")).when().get("/no/such/resource")
                .then().statusCode(404).contentType("application/problem+json");
    }

    /**
     * Bodies above the shared limit (256 KB unless the service raised it) are refused at the edge as a
     * problem naming {@code body}, before authentication and whatever the path: with a Content-Length
     * and chunked, and the connection still answers the next request.
     */
    @Test
    void anOversizedBodyIs413ProblemJsonWithAndWithoutContentLength() throws Exception {
        byte[] body = new byte[1024 * 1024];
        Arrays.fill(body, (byte) 'x');
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String token = TestTokens.bearer("acme", "agent");
        for (String path : new String[]{"/no/such/resource", "/q/health"}) {
            URI uri = URI.create("http://localhost:" + RestAssured.port + path);
            HttpRequest sized = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpRequest chunked = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
            for (HttpRequest request : new HttpRequest[]{sized, chunked}) {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                assertEquals(413, response.statusCode(), path);
                assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(null));
                JsonPath problem = JsonPath.from(response.body());
                assertEquals(413, problem.getInt("status"));
                assertEquals("body", problem.getString("errors[0].field"));
            }
        }
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
