package io.switchboard.chat;

import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;

/** What the chat API tests share: a directory, making a chat and reading back what the event store holds. */
final class ChatFixtures {
    static final String PROBLEM = "application/problem+json";
    /** acme's agents Ann and Bob, and Sam, a supervisor who is an agent of the directory too. */
    static final long ANN = 77;
    static final long BOB = 78;
    static final long SAM = 5;
    /** An agent of globex. */
    static final long GUS = 177;
    /** An agent of acme that was deactivated. */
    static final long GONE = 79;

    private ChatFixtures() {
    }

    /**
     * The directory the chat service would have learnt from switchboard.interaction: menus 3, 4 and 7 of
     * acme, globex and initech, acme's agents Ann, Bob and Sam, globex's Gus; acme's agent 79 is
     * deactivated. Written straight into the read model, as the projection would.
     */
    static void directory(Pool pool) {
        pool.query("""
                INSERT INTO directory_menus (partner_id, menu_id, name)
                SELECT p, m, 'Menu ' || m FROM unnest(ARRAY['acme', 'globex', 'initech']) p, unnest(ARRAY[3, 4, 7]) m
                ON CONFLICT DO NOTHING""").execute().await().indefinitely();
        pool.query("""
                INSERT INTO directory_agents (partner_id, agent_id, name, first_name, status, active) VALUES
                    ('acme', 77, 'Ann Agent', 'Ann', 'available', true), ('acme', 78, 'Bob Agent', 'Bob', 'available', true),
                    ('acme', 5, 'Sam Supervisor', 'Sam', 'available', true), ('globex', 177, 'Gus Agent', 'Gus', 'available', true),
                    ('acme', 79, 'Gone Agent', 'Gone', 'offline', false)
                ON CONFLICT DO NOTHING""").execute().await().indefinitely();
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
