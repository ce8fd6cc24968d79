package io.switchboard.e2e.stack;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code deploy/local/switchboard demo start|stop}: the demo contact center on the stack the suite started. A
 * person logging in as {@code demo-supervisor} (password from the secrets file, as {@code secrets} prints it)
 * sees partner {@code demo}'s new calls, chats and logged-in agents through the Manager API within seconds;
 * {@code demo stop} logs the agents out; a second start reuses the directory (no new agents or menus).
 */
@ExtendWith(LocalStack.class)
class DemoTest {
    static final String SUPERVISOR_SECRET = "SWITCHBOARD_DEMO_CENTER_DEMO_SUPERVISOR_PASSWORD";

    static String reporting() {
        return "http://127.0.0.1:" + LocalStack.servicePort("reporting");
    }

    static String supervisorToken() {
        return given().baseUri(LocalStack.keycloakRealmUrl())
                .formParam("grant_type", "password").formParam("client_id", "switchboard-web")
                .formParam("username", "demo-supervisor").formParam("password", LocalStack.secret(SUPERVISOR_SECRET))
                .when().post("/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    static JsonPath list(String token, String path, Map<String, ?> query) {
        return given().baseUri(reporting()).auth().oauth2(token).queryParams(query).queryParam("per", 1000)
                .when().get("/manager/api/v1/" + path).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aSupervisorSeesTheDemosCallsChatsAndAgentsWithinSecondsAndStopLogsTheAgentsOut() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long t0 = System.nanoTime();
        String started = LocalStack.run(Duration.ofMinutes(8), "demo", "start");
        double setUpSeconds = (System.nanoTime() - t0) / 1e9;
        try {
            assertThat(started).contains("demo-supervisor").contains(LocalStack.secret(SUPERVISOR_SECRET)).contains("demo … running");
            assertThat(LocalStack.run(Duration.ofSeconds(60), "secrets")).contains("demo-supervisor").contains("demo-voice1")
                    .contains(LocalStack.secret(SUPERVISOR_SECRET));
            assertThat(LocalStack.run(Duration.ofSeconds(60), "status").lines().filter(l -> l.startsWith("demo ")))
                    .singleElement().asString().contains("healthy");

            String token = supervisorToken();
            long running = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                Map<String, String> since = Map.of("created_at[from]", before.toString());
                assertThat(list(token, "calls", since).getList("id")).as("demo calls since the start").isNotEmpty();
                assertThat(list(token, "chats", since).getList("id")).as("demo chats since the start").isNotEmpty();
                assertThat(list(token, "agents", Map.of()).getList("status.name", String.class))
                        .as("agents of partner demo logged in").anyMatch(s -> !s.equalsIgnoreCase("offline"));
            });
            System.out.printf("demo: set-up %.1f s, then calls, chats and agents shown after %.1f s%n", setUpSeconds,
                    (System.nanoTime() - running) / 1e9);
            // The supervisor's token is partner demo's: the agents it reads are the demo's (and only those).
            assertThat(list(token, "user_info", Map.of()).getList("email", String.class)).contains("voice1.demo@demo.test")
                    .allMatch(email -> email.endsWith(".demo@demo.test"));
        } finally {
            LocalStack.run(Duration.ofMinutes(2), "demo", "stop");
        }
        assertThat(LocalStack.run(Duration.ofSeconds(60), "status").lines().filter(l -> l.startsWith("demo ")))
                .singleElement().asString().contains("stopped");
        String token = supervisorToken();
        List<Integer> agents = list(token, "agents", Map.of()).getList("id", Integer.class);
        int menus = list(token, "menus", Map.of()).getList("id").size();
        // Logged out by the wind-down; the Manager API shows it once any wrap-up (30 s) is over.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(list(token, "agents", Map.of()).getList("status.name", String.class)).as("agents after demo stop")
                        .allMatch("Offline"::equalsIgnoreCase));

        Instant again = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        LocalStack.run(Duration.ofMinutes(5), "demo", "start", "--duration", "2m");
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(list(token, "calls", Map.of("created_at[from]", again.toString())).getList("id"))
                            .as("demo calls after the restart").isNotEmpty());
            assertThat(list(token, "agents", Map.of()).getList("id", Integer.class)).as("the restart reuses the agents")
                    .containsExactlyInAnyOrderElementsOf(agents);
            assertThat(list(token, "menus", Map.of()).getList("id")).as("the restart reuses the menus").hasSize(menus);
        } finally {
            LocalStack.run(Duration.ofMinutes(2), "demo", "stop");
        }
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
