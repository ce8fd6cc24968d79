package io.switchboard.testing;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

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
}
