package io.switchboard.chat;

import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;

/** What the chat API tests share: making a chat and reading back what the event store holds. */
final class ChatFixtures {
    static final String PROBLEM = "application/problem+json";

    private ChatFixtures() {
    }

    /** A new queued chat of the token's partner (menu 3, end user 42); returns its id. */
    static int newChat(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"chat\": {\"menu_id\": 3, \"end_user_id\": 42}}")
                .when().post("/apps/api/v1/chats").then().statusCode(201).extract().path("id");
    }

    static long count(Pool pool, int chatId, String eventType) {
        return pool.preparedQuery("SELECT count(*) FROM event_store WHERE stream_id = $1 AND event_type = $2")
                .execute(Tuple.of("chat-" + chatId, eventType)).await().indefinitely().iterator().next().getLong(0);
    }

    static List<String> eventTypes(Pool pool, int chatId) {
        List<String> types = new ArrayList<>();
        pool.preparedQuery("SELECT event_type FROM event_store WHERE stream_id = $1 ORDER BY version")
                .execute(Tuple.of("chat-" + chatId)).await().indefinitely().forEach(row -> types.add(row.getString(0)));
        return types;
    }
}
