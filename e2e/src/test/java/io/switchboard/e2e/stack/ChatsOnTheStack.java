package io.switchboard.e2e.stack;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * Chats on the running stack. A chat must name a menu of its partner that the chat service's directory
 * read model knows, and a menu created a moment ago reaches it through Debezium and Kafka: creating the
 * chat is retried (with one Idempotency-Key, so a retry can never make a second chat) until it is known.
 */
final class ChatsOnTheStack {
    private ChatsOnTheStack() {
    }

    static int createOnceMenuIsKnown(String token, int menuId, int endUserId, Duration patience) {
        String key = "e2e-" + UUID.randomUUID();
        ExtractableResponse<Response> created = await().atMost(patience).pollInterval(Duration.ofMillis(500))
                .until(() -> given().baseUri("http://127.0.0.1:" + LocalStack.servicePort("chat")).auth().oauth2(token)
                        .contentType(ContentType.JSON).header("Idempotency-Key", key)
                        .body(Map.of("chat", Map.of("menu_id", menuId, "end_user_id", endUserId)))
                        .when().post("/apps/api/v1/chats").then().extract(), answer -> answer.statusCode() == 201);
        return created.path("id");
    }

    /** A chat menu of acme, created through the interaction service by acme's admin. */
    static int acmeChatMenu(String adminToken, String name) {
        return given().baseUri("http://127.0.0.1:" + LocalStack.servicePort("interaction")).auth().oauth2(adminToken)
                .contentType(ContentType.JSON).body(Map.of("name", name, "channel", "chat"))
                .when().post("/manager/api/v1/menus").then().statusCode(201).extract().path("id");
    }
}
