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

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What every Switchboard service must do, whatever its API: start against the real PostgreSQL with
 * its migrations applied, report health without a token, and keep everything else behind
 * authentication. A service's test extends this and adds its {@code @QuarkusTest} resources.
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
    void metricsAndOpenApiNeedAToken() {
        for (String path : new String[]{"/q/metrics", "/q/openapi"}) {
            given().when().get(path).then().statusCode(401);
            given().auth().oauth2(TestTokens.bearer("acme", "agent")).when().get(path).then().statusCode(200);
        }
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
