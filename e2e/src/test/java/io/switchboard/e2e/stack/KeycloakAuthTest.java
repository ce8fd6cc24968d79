package io.switchboard.e2e.stack;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
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
        int id = given().baseUri(chat).auth().oauth2(acme).contentType(ContentType.JSON)
                .body("{\"chat\": {\"menu_id\": 7, \"end_user_id\": 42}}")
                .when().post("/apps/api/v1/chats")
                .then().statusCode(201).extract().path("id");

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
