package io.switchboard.e2e.stack;

import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Services accept Keycloak's tokens for real: issuer, signature, audience, roles and partner claim. */
@ExtendWith(LocalStack.class)
class KeycloakAuthTest {

    static String token(String user) {
        return given().baseUri(LocalStack.keycloakRealmUrl())
                .formParam("grant_type", "password")
                .formParam("client_id", "switchboard-web")
                .formParam("username", user)
                .formParam("password", LocalStack.demoPassword(user))
                .when().post("/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    @Test
    void aKeycloakTokenIsAcceptedByEveryServiceAndNoTokenIsRefused() {
        String token = token("ann.agent");
        for (String service : new String[]{"chat", "media", "interaction", "redaction", "reporting"}) {
            String base = "http://127.0.0.1:" + LocalStack.servicePort(service);
            given().baseUri(base).auth().oauth2(token).when().get("/q/openapi").then().statusCode(200);
            given().baseUri(base).when().get("/q/openapi").then().statusCode(401);
            given().baseUri(base).auth().oauth2(token + "x").when().get("/q/openapi").then().statusCode(401);
            given().baseUri(base).when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        }
    }

    @Test
    void aTokenOfAnotherPartnerSeesNoneOfTheFirstPartnersData() {
        String chat = "http://127.0.0.1:" + LocalStack.servicePort("chat");
        String acme = token("ann.agent");
        int menu = ChatsOnTheStack.acmeChatMenu(token("ada.admin"), "Isolation " + java.util.UUID.randomUUID());
        int id = ChatsOnTheStack.createOnceMenuIsKnown(acme, menu, 42, java.time.Duration.ofSeconds(90));

        given().baseUri(chat).auth().oauth2(acme).when().get("/apps/api/v1/chats/" + id)
                .then().statusCode(200).body("id", equalTo(id));
        given().baseUri(chat).auth().oauth2(token("gus.agent")).when().get("/apps/api/v1/chats/" + id)
                .then().statusCode(404);
        given().baseUri(chat).when().get("/apps/api/v1/chats/" + id).then().statusCode(401);
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
