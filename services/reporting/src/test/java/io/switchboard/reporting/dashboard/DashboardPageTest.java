package io.switchboard.reporting.dashboard;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * The supervisor dashboard's page works offline and without a token: the page, every script and style it names (its
 * own and the webjars'), and its login settings are served by this service. Data needs a token; that is the e2e
 * DashboardTest's part (a real Keycloak login in a real browser).
 */
@QuarkusTest
@TestProfile(DashboardPageTest.PublicKeycloak.class)
@WithTestResource(OidcTestResource.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "reporting"))
class DashboardPageTest {
    private static final Pattern RESOURCE = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    /** A deployment whose browsers reach Keycloak under another name than the services do. */
    public static class PublicKeycloak implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.dashboard.auth-server-url", "https://login.example.com/auth/realms/switchboard");
        }
    }

    @Test
    void thePageAndEveryResourceItNamesAreServedWithoutAToken() {
        String page = given().get("/dashboard/").then().statusCode(200).contentType(containsString("text/html"))
                .body(not(containsString("https://")), not(containsString("http://")))
                .extract().asString();
        List<String> resources = RESOURCE.matcher(page).results().map(match -> match.group(1)).toList();
        assertThat(resources).contains("dashboard.css", "dashboard.js",
                "../webjars/keycloak-js/25.0.4/dist/keycloak.min.js", "../webjars/echarts/5.3.1/dist/echarts.min.js");

        URI base = URI.create("http://localhost/dashboard/");
        for (String resource : resources) {
            String path = base.resolve(resource).getPath();
            byte[] body = given().get(path).then().statusCode(200)
                    .contentType(resource.endsWith(".css") ? containsString("text/css") : containsString("javascript"))
                    .extract().asByteArray();
            assertThat(body.length).as(path).isGreaterThan(1_000);
        }
    }

    @Test
    void theLoginSettingsNameThePublicRealmAndTheDashboardsClient() {
        given().get("/dashboard/config.json").then().statusCode(200)
                .body("keycloak_url", equalTo("https://login.example.com/auth"),
                        "realm", equalTo("switchboard"),
                        "client_id", equalTo("switchboard-dashboard"));
    }

    @Test
    void liveDataStillNeedsAToken() {
        given().get("/manager/api/v1/agent_activity_logs").then().statusCode(401);
    }
}
