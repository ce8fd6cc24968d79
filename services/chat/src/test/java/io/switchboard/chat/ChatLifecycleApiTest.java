package io.switchboard.chat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.switchboard.chat.ChatFixtures.PROBLEM;
import static io.switchboard.chat.ChatFixtures.eventTypes;
import static io.switchboard.chat.ChatFixtures.newChat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/** Messages, update, customer flags and end-user update against the real PostgreSQL. */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "chat"))
@WithTestResource(KafkaTestResource.class)
class ChatLifecycleApiTest {
    private static final String ACME = TestTokens.bearer("acme", "agent");
    private static final String GLOBEX = TestTokens.bearer("globex", "agent");
    /** Ann (agent 77) and Bob (agent 78) of acme, with their agent ids in their tokens. */
    private static final String ANN = TestTokens.agent("acme", ChatFixtures.ANN, "agent");
    private static final String BOB = TestTokens.agent("acme", ChatFixtures.BOB, "agent");
    /** The partner's own server, relaying what its end users type. */
    private static final String ACME_BACKEND = TestTokens.bearer("acme", "system");

    @Inject
    Pool pool;

    @BeforeEach
    void directory() {
        ChatFixtures.directory(pool);
    }

    private static io.restassured.response.ValidatableResponse post(String token, String path, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    @Test
    void messagesAreStoredInOrderAndAFinishedChatRefusesMore() {
        int id = newChat(ACME);
        post(ACME_BACKEND, "/apps/api/v1/chats/" + id + "/message", "{\"message\": {\"type\": \"text\", \"content\": \"hi\"}}")
                .statusCode(200).body("$", anEmptyMap());
        post(ANN, "/apps/api/v1/chats/" + id + "/message",
                "{\"from_user_id\": 77, \"message\": {\"type\": \"text\", \"content\": \"how can I help?\"}}").statusCode(200);

        given().auth().oauth2(ANN).contentType(ContentType.JSON)
                .body("{\"finished_by_user_id\": 77, \"chat\": {\"status\": \"finished\"}}")
                .when().patch("/apps/api/v1/chats/" + id)
                .then().statusCode(200).body("status", equalTo("finished"), "ends_at", notNullValue());

        post(ACME_BACKEND, "/apps/api/v1/chats/" + id + "/message", "{\"message\": {\"type\": \"text\", \"content\": \"late\"}}")
                .statusCode(409).contentType(PROBLEM).body("detail", containsString("current status: finished"));
        assertThat(eventTypes(pool, id)).containsExactly("ChatCreated", "MessageSent", "MessageSent", "ChatFinished");
        assertThat(senders(id)).containsExactly("end_user:42:1", "agent:77:1");
    }

    @Test
    void invalidMessagesAndUpdatesNameTheFieldAndWriteNothing() {
        int id = newChat(ACME);
        post(ANN, "/apps/api/v1/chats/" + id + "/message", "{}").statusCode(400).body("errors.field", hasItem("message"));
        post(ANN, "/apps/api/v1/chats/" + id + "/message", "{\"message\": {\"type\": \"text\"}}")
                .statusCode(400).body("errors.field", hasItem("message.content"));
        given().auth().oauth2(ANN).contentType(ContentType.JSON).body("{\"chat\": {\"status\": \"assigned\"}}")
                .when().patch("/apps/api/v1/chats/" + id).then().statusCode(400).body("errors.field", hasItem("chat.status"));
        assertThat(eventTypes(pool, id)).containsExactly("ChatCreated");
    }

    @Test
    void customerFlagsAcceptTheSeedsSpellingAndAnswerTheApiOne() {
        int id = newChat(ACME);
        given().auth().oauth2(ACME).when().get("/apps/api/v1/chats/" + id + "/customer_flag")
                .then().statusCode(200).body("verified_customer", equalTo(false), "bad_actor", equalTo(false),
                        "repeat_customer", equalTo(false));

        post(ACME, "/apps/api/v1/chats/" + id + "/customer_flag", "{\"verified_customer\": true, \"repeat_customers\": true}")
                .statusCode(200).body("verified_customer", equalTo(true), "bad_actor", equalTo(false), "repeat_customer", equalTo(true));
        post(ACME, "/apps/api/v1/chats/" + id + "/customer_flag", "{\"verified_customer\": true}").statusCode(200);

        assertThat(eventTypes(pool, id)).containsExactly("ChatCreated", "CustomerFlagsUpdated");
        post(ACME, "/apps/api/v1/chats/" + id + "/customer_flag", "{\"bad_actor\": \"maybe\"}")
                .statusCode(400).body("errors.field", hasItem("bad_actor"));
    }

    @Test
    void theEndUserUpdateIsAccepted() {
        int id = newChat(ACME);
        post(ACME, "/apps/api/v1/chats/" + id + "/end-user", "{\"identifier\": \"ann-1\", \"name\": \"Ann\", \"email\": \"ann@example.com\"}")
                .statusCode(200).body("message", equalTo("accepted"));
        given().auth().oauth2(ACME).when().get("/apps/api/v1/chats/" + id).then().body("end_user.identifier", equalTo("ann-1"));
        post(ACME, "/apps/api/v1/chats/" + id + "/end-user", "{\"name\": \"Ann\"}").statusCode(400).body("errors.field", hasItem("identifier"));
    }

    @Test
    void agentsClaimAndReleaseAndSupervisorsMark() {
        int id = newChat(ACME);
        String supervisor = TestTokens.bearer("acme", "supervisor");
        post(ANN, "/apps/api/v1/chats/" + id + "/claim", "{\"agent_id\": 77}").statusCode(200).body("id", equalTo(id));
        post(BOB, "/apps/api/v1/chats/" + id + "/claim", "{\"agent_id\": 78}").statusCode(409).contentType(PROBLEM);
        post(ANN, "/apps/api/v1/chats/" + id + "/release", "{\"agent_id\": 77}").statusCode(200);
        post(ANN, "/apps/api/v1/chats/" + id + "/mark", "{\"user_id\": 5, \"mark\": \"review\"}").statusCode(403);
        post(supervisor, "/apps/api/v1/chats/" + id + "/mark", "{\"user_id\": 5, \"mark\": \"review\", \"note\": \"tone\"}").statusCode(200);
        post(supervisor, "/apps/api/v1/chats/" + id + "/claim", "{}").statusCode(400).body("errors.field", hasItem("agent_id"));

        assertThat(eventTypes(pool, id)).containsExactly("ChatCreated", "ChatClaimed", "ChatReleased", "ChatMarked");
    }

    @Test
    void anotherPartnerCanNeitherReadNorChangeTheChat() {
        int id = newChat(ACME);
        post(GLOBEX, "/apps/api/v1/chats/" + id + "/message", "{\"message\": {\"type\": \"text\", \"content\": \"x\"}}").statusCode(404);
        post(GLOBEX, "/apps/api/v1/chats/" + id + "/customer_flag", "{\"bad_actor\": true}").statusCode(404);
        post(GLOBEX, "/apps/api/v1/chats/" + id + "/end-user", "{\"identifier\": \"x\"}").statusCode(404);
        given().auth().oauth2(GLOBEX).when().get("/apps/api/v1/chats/" + id + "/customer_flag").then().statusCode(404);
        given().auth().oauth2(GLOBEX).contentType(ContentType.JSON).body("{\"chat\": {\"status\": \"finished\"}}")
                .when().patch("/apps/api/v1/chats/" + id).then().statusCode(404);
        assertThat(eventTypes(pool, id)).containsExactly("ChatCreated");
    }

    private List<String> senders(int chatId) {
        List<String> senders = new ArrayList<>();
        pool.preparedQuery("""
                        SELECT payload->'data'->>'senderType' || ':' || (payload->'data'->>'senderId') || ':' || (payload->'data'->>'segment')
                        FROM event_store WHERE stream_id = $1 AND event_type = 'MessageSent' ORDER BY version""")
                .execute(Tuple.of("chat-" + chatId)).await().indefinitely().forEach(row -> senders.add(row.getString(0)));
        return senders;
    }
}
