package io.switchboard.e2e.stack;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The realm puts a Keycloak user's {@code agent_id} attribute into its access token as a number, and the
 * services make that agent the actor: linked to a directory agent, ann.agent acts as that agent and only
 * as it. The link is made the way an operator makes it: through Keycloak's admin API.
 */
@ExtendWith(LocalStack.class)
class AgentIdentityTest {
    private static final Duration PIPELINE = Duration.ofSeconds(90);

    private static RequestSpecification as(String service, String token) {
        return given().baseUri("http://127.0.0.1:" + LocalStack.servicePort(service)).auth().oauth2(token)
                .contentType(ContentType.JSON);
    }

    @Test
    void aLinkedAgentActsAsItselfAndOnlyAsItself() {
        String admin = KeycloakAuthTest.token("ada.admin");
        String tag = UUID.randomUUID().toString().substring(0, 6);
        int agent = as("interaction", admin).body(Map.of("first_name", "Ann", "last_name", "Linked " + tag,
                        "email", "ann.linked." + tag + "@acme.test"))
                .when().post("/manager/api/v1/agents").then().statusCode(201).extract().path("id");
        int other = as("interaction", admin).body(Map.of("first_name", "Bob", "last_name", "Other " + tag,
                        "email", "bob.other." + tag + "@acme.test"))
                .when().post("/manager/api/v1/agents").then().statusCode(201).extract().path("id");
        int menu = ChatsOnTheStack.acmeChatMenu(admin, "Linked " + tag);

        KeycloakAdmin.setUserAttribute("ann.agent", "agent_id", Integer.toString(agent));
        try {
            String ann = KeycloakAuthTest.token("ann.agent");
            assertThat(claims(ann).get("agent_id")).as("a number, mapped from the user attribute").isEqualTo(agent);

            as("interaction", ann).body(Map.of("status", "available")).when().put("/manager/api/v1/agents/me/status")
                    .then().statusCode(200).body("agent_id", equalTo(agent), "status", equalTo("available"));
            int chat = ChatsOnTheStack.createOnceMenuIsKnown(ann, menu, 4242, PIPELINE);
            // The chat service learns of agents through the pipeline too: acting as a brand-new agent may
            // need a moment, and is never answered 2xx before.
            org.awaitility.Awaitility.await().atMost(PIPELINE).until(() -> as("chat", ann).body(Map.of())
                    .when().post("/apps/api/v1/chats/" + chat + "/claim").then().extract().statusCode() == 200);
            as("chat", ann).body(Map.of("agent_id", other)).when().post("/apps/api/v1/chats/" + chat + "/release")
                    .then().statusCode(403).body("errors[0].field", equalTo("agent_id"));
            as("chat", ann).body(Map.of("from_user_id", other, "message", Map.of("type", "text", "content", "I am Bob")))
                    .when().post("/apps/api/v1/chats/" + chat + "/message")
                    .then().statusCode(403).body("errors[0].field", equalTo("from_user_id"));
            as("chat", ann).body(Map.of("message", Map.of("type", "text", "content", "Ann here")))
                    .when().post("/apps/api/v1/chats/" + chat + "/message").then().statusCode(200);
            as("chat", ann).body(Map.of()).when().post("/apps/api/v1/chats/" + chat + "/release").then().statusCode(200);
        } finally {
            KeycloakAdmin.setUserAttribute("ann.agent", "agent_id", null);
        }
        assertThat(claims(KeycloakAuthTest.token("ann.agent"))).doesNotContainKey("agent_id");
    }

    private static Map<String, Object> claims(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return JsonPath.from(payload).getMap("");
    }

    /** Keycloak's admin API as the realm's operator uses it. */
    static final class KeycloakAdmin {
        private KeycloakAdmin() {
        }

        /**
         * A master-realm admin token: the launcher's bootstrap admin {@code admin}, with the password it
         * generated ({@code switchboard secrets}).
         */
        static String token() {
            return given().baseUri("http://127.0.0.1:" + LocalStack.KEYCLOAK_PORT)
                    .formParam("grant_type", "password").formParam("client_id", "admin-cli")
                    .formParam("username", "admin")
                    .formParam("password", LocalStack.secret("KEYCLOAK_ADMIN_PASSWORD"))
                    .when().post("/realms/master/protocol/openid-connect/token")
                    .then().statusCode(200).extract().path("access_token");
        }

        /** Sets (or with null removes) one attribute of a user of the switchboard realm, keeping the others. */
        @SuppressWarnings("unchecked")
        static void setUserAttribute(String username, String attribute, String value) {
            String admin = token();
            java.util.function.Supplier<RequestSpecification> realm = () -> given()
                    .baseUri("http://127.0.0.1:" + LocalStack.KEYCLOAK_PORT).basePath("/admin/realms/switchboard")
                    .auth().oauth2(admin).contentType(ContentType.JSON);
            String id = realm.get().queryParam("username", username).queryParam("exact", true).when().get("/users")
                    .then().statusCode(200).extract().path("[0].id");
            Map<String, Object> user = realm.get().when().get("/users/" + id).then().statusCode(200)
                    .extract().as(Map.class);
            Map<String, Object> attributes = new HashMap<>((Map<String, Object>) user.getOrDefault("attributes", Map.of()));
            if (value == null) {
                attributes.remove(attribute);
            } else {
                attributes.put(attribute, List.of(value));
            }
            user.put("attributes", attributes);
            realm.get().body(user).when().put("/users/" + id).then().statusCode(204);
        }
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
