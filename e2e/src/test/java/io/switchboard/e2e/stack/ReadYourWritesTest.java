package io.switchboard.e2e.stack;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Read-your-writes through the whole pipeline (chat's event store → Debezium → Kafka → reporting's
 * projections): a write's {@code Switchboard-Position} sent back at once as {@code Switchboard-Min-Position}
 * makes reporting's Manager API and GraphQL show the write, every time, without any polling by the client.
 */
@ExtendWith(LocalStack.class)
class ReadYourWritesTest {
    static final String POSITION = "Switchboard-Position";
    static final String MIN_POSITION = "Switchboard-Min-Position";

    static String base(String service) {
        return "http://127.0.0.1:" + LocalStack.servicePort(service);
    }

    @Test
    void aWriteThenAnImmediateReadWithItsPositionAlwaysSeesTheWrite() {
        String agent = KeycloakAuthTest.token("ann.agent");
        String supervisor = KeycloakAuthTest.token("sam.supervisor");
        int menu = ChatsOnTheStack.acmeChatMenu(KeycloakAuthTest.token("ada.admin"), "RYW " + UUID.randomUUID());
        // The first chat waits until the chat service knows the new menu; from then on every write is immediate.
        ChatsOnTheStack.createOnceMenuIsKnown(agent, menu, 42, Duration.ofSeconds(90));

        for (int i = 0; i < 10; i++) {
            ExtractableResponse<Response> created = given().baseUri(base("chat")).auth().oauth2(agent)
                    .contentType(ContentType.JSON).body(Map.of("chat", Map.of("menu_id", menu, "end_user_id", 42)))
                    .when().post("/apps/api/v1/chats").then().statusCode(201).extract();
            int id = created.path("id");
            String position = created.header(POSITION);
            assertThat(position).as("position of chat " + id).isNotBlank();

            given().baseUri(base("reporting")).auth().oauth2(supervisor).header(MIN_POSITION, position)
                    .when().get("/manager/api/v1/chats/" + id).then().statusCode(200).body("id", equalTo(id));

            // A supervisor's message without from_user_id is the end user's (chat README, sender matrix).
            String message = given().baseUri(base("chat")).auth().oauth2(supervisor).contentType(ContentType.JSON)
                    .body(Map.of("message", Map.of("type", "text", "content", "hello " + i)))
                    .when().post("/apps/api/v1/chats/" + id + "/message").then().statusCode(200).extract().header(POSITION);
            given().baseUri(base("reporting")).auth().oauth2(supervisor).header(MIN_POSITION, message)
                    .when().get("/manager/api/v1/chats/" + id).then().statusCode(200).body("message_count", equalTo(1));
            given().baseUri(base("reporting")).auth().oauth2(supervisor).header(MIN_POSITION, message)
                    .contentType(ContentType.JSON)
                    .body(Map.of("query", "{ getConversationById(conversationId: \"chat-" + id + "\") { messageCount } }"))
                    .when().post("/graphql").then().statusCode(200).body("data.getConversationById.messageCount", equalTo(1));
        }
    }

    @Test
    void anotherPartnersPositionIsRefusedAndTeachesNothing() {
        String acme = KeycloakAuthTest.token("ann.agent");
        int menu = ChatsOnTheStack.acmeChatMenu(KeycloakAuthTest.token("ada.admin"), "RYW other " + UUID.randomUUID());
        int id = ChatsOnTheStack.createOnceMenuIsKnown(acme, menu, 42, Duration.ofSeconds(90));
        String position = given().baseUri(base("chat")).auth().oauth2(KeycloakAuthTest.token("sam.supervisor")).contentType(ContentType.JSON)
                .body(Map.of("message", Map.of("type", "text", "content", "hi")))
                .when().post("/apps/api/v1/chats/" + id + "/message").then().statusCode(200).extract().header(POSITION);

        given().baseUri(base("reporting")).auth().oauth2(KeycloakAuthTest.token("gus.agent")).header(MIN_POSITION, position)
                .contentType(ContentType.JSON).body(Map.of("query", "{ __typename }"))
                .when().post("/graphql").then().statusCode(400).body("errors[0].field", equalTo(MIN_POSITION));
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
