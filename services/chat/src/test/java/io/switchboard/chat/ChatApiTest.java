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
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.switchboard.chat.ChatFixtures.PROBLEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "chat"))
@WithTestResource(KafkaTestResource.class)
class ChatApiTest {
    private static final String ACME = TestTokens.bearer("acme", "agent");
    private static final String GLOBEX = TestTokens.bearer("globex", "agent");
    /** The partner's own server, relaying what its end users type (the Apps API's client). */
    private static final String ACME_BACKEND = TestTokens.bearer("acme", "system");

    @Inject
    Pool pool;

    @BeforeEach
    void directory() {
        ChatFixtures.directory(pool);
    }

    private static int createChat(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/apps/api/v1/chats")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void createdChatHasTheSeedShapeAndReadsBack() {
        int id = given().auth().oauth2(ACME).contentType(ContentType.JSON)
                .body("""
                        {"chat": {"menu_id": 7, "lang": "en", "email": "ann@example.com",
                                  "context": {"value": {"foo": "bar", "key": "value"}}},
                         "end_user": {"phone": "+1 555 0100"}}""")
                .when().post("/apps/api/v1/chats")
                .then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(ACME).contentType(ContentType.JSON)
                .body("{\"chat\": {\"menu_id\": 7, \"end_user_id\": 1}}")
                .when().post("/apps/api/v1/chats")
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.matchesPattern(".*/apps/api/v1/chats/[0-9]+$"));
        given().auth().oauth2(ACME).when().get("/apps/api/v1/chats/" + id)
                .then().statusCode(200)
                .body("keySet()", containsInAnyOrder("id", "status", "status_text", "features", "created_at", "ends_at",
                        "timeout_at", "agent", "virtual_agent", "all_agents", "all_virtual_agents", "lang", "menus", "end_user"))
                .body("id", equalTo(id), "status", equalTo("queued"), "status_text", equalTo("Waiting for an agent"),
                        "lang", equalTo("en"), "menus[0].id", equalTo(7), "end_user.identifier", equalTo("+1 555 0100"),
                        "created_at", notNullValue(), "timeout_at", notNullValue(), "ends_at", nullValue(), "agent", nullValue());
    }

    @Test
    void theChatCreatedEventIsInTheEventStoreWithThePartner() {
        int id = createChat(ACME, "{\"chat\": {\"menu_id\": 3, \"end_user_id\": 42}}");

        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("SELECT event_type, partner_id, version, payload->'data'->>'menuId' AS menu FROM event_store WHERE stream_id = $1")
                .execute(Tuple.of("chat-" + id)).await().indefinitely().forEach(rows::add);

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getString("event_type")).isEqualTo("ChatCreated");
        assertThat(rows.get(0).getString("partner_id")).isEqualTo("acme");
        assertThat(rows.get(0).getLong("version")).isEqualTo(1L);
        assertThat(rows.get(0).getString("menu")).isEqualTo("3");
    }

    @Test
    void anotherPartnersChatIsNotFound() {
        int id = createChat(ACME, "{\"chat\": {\"menu_id\": 3, \"end_user_id\": 42}}");

        given().auth().oauth2(GLOBEX).when().get("/apps/api/v1/chats/" + id)
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(ACME).when().get("/apps/api/v1/chats/" + id).then().statusCode(200);
        given().auth().oauth2(ACME).when().get("/apps/api/v1/chats/999999999").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void noTokenIs401() {
        given().when().get("/apps/api/v1/chats/1").then().statusCode(401).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body("{\"chat\": {\"menu_id\": 3, \"end_user_id\": 42}}")
                .when().post("/apps/api/v1/chats").then().statusCode(401);
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyReturnsTheFirstChatAndWritesNothing() {
        String key = "create-" + java.util.UUID.randomUUID();
        String body = "{\"chat\": {\"menu_id\": 3, \"end_user_id\": 42}}";
        long before = eventCount();

        int first = given().auth().oauth2(ACME).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/apps/api/v1/chats").then().statusCode(201).extract().path("id");
        int retry = given().auth().oauth2(ACME).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/apps/api/v1/chats").then().statusCode(201).extract().path("id");

        assertThat(retry).isEqualTo(first);
        assertThat(eventCount()).isEqualTo(before + 1);
        given().auth().oauth2(ACME).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"chat\": {\"menu_id\": 4, \"end_user_id\": 42}}")
                .when().post("/apps/api/v1/chats")
                .then().statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("Idempotency-Key"));
        int otherPartners = given().auth().oauth2(GLOBEX).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/apps/api/v1/chats").then().statusCode(201).extract().path("id");
        assertThat(otherPartners).as("keys are per partner").isNotEqualTo(first);
        assertThat(eventCount()).isEqualTo(before + 2);
    }

    @Test
    void aRetriedMessageWithTheSameIdempotencyKeyIsStoredOnce() {
        int id = createChat(ACME, "{\"chat\": {\"menu_id\": 3, \"end_user_id\": 42}}");
        for (int attempt = 0; attempt < 3; attempt++) {
            given().auth().oauth2(ACME_BACKEND).header("Idempotency-Key", "msg-1").contentType(ContentType.JSON)
                    .body("{\"message\": {\"type\": \"text\", \"content\": \"hello\"}}")
                    .when().post("/apps/api/v1/chats/" + id + "/message").then().statusCode(200);
        }
        long messages = pool.preparedQuery("SELECT count(*) FROM event_store WHERE stream_id = $1 AND event_type = 'MessageSent'")
                .execute(Tuple.of("chat-" + id)).await().indefinitely().iterator().next().getLong(0);
        assertThat(messages).isEqualTo(1);
    }

    @Test
    void aMessageIdempotencyKeyReusedWithAnotherMessageIs422AndWritesNothing() {
        int id = createChat(ACME, "{\"chat\": {\"menu_id\": 3, \"end_user_id\": 42}}");
        String hello = "{\"message\": {\"type\": \"text\", \"content\": \"hello\"}}";
        given().auth().oauth2(ACME_BACKEND).header("Idempotency-Key", "msg-2").contentType(ContentType.JSON).body(hello)
                .when().post("/apps/api/v1/chats/" + id + "/message").then().statusCode(200);

        given().auth().oauth2(ACME_BACKEND).header("Idempotency-Key", "msg-2").contentType(ContentType.JSON)
                .body("{\"message\": {\"type\": \"text\", \"content\": \"something else\"}}")
                .when().post("/apps/api/v1/chats/" + id + "/message")
                .then().statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("Idempotency-Key"));
        given().auth().oauth2(TestTokens.agent("acme", ChatFixtures.ANN, "agent")).header("Idempotency-Key", "msg-2")
                .contentType(ContentType.JSON).body(hello)
                .when().post("/apps/api/v1/chats/" + id + "/message")
                .then().statusCode(422).contentType(PROBLEM); // the same text from another sender is another message
        given().auth().oauth2(ACME_BACKEND).header("Idempotency-Key", "msg-2").contentType(ContentType.JSON).body(hello)
                .when().post("/apps/api/v1/chats/" + id + "/message").then().statusCode(200);

        assertThat(ChatFixtures.eventTypes(pool, id)).containsExactly("ChatCreated", "MessageSent");
    }

    @Test
    void aPatchThatChangesNothingWritesNothingAndAnswersTheChat() {
        int id = createChat(ACME, "{\"chat\": {\"menu_id\": 3, \"end_user_id\": 42}}");
        String supervisor = TestTokens.bearer("acme", "supervisor");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(supervisor).contentType(ContentType.JSON).body("{\"chat\": {\"deflection_channel\": \"email\"}}")
                    .when().patch("/apps/api/v1/chats/" + id)
                    .then().statusCode(200).body("id", equalTo(id), "status", equalTo("queued"));
        }

        assertThat(ChatFixtures.eventTypes(pool, id)).containsExactly("ChatCreated", "ChatStatusChanged");
    }

    @Test
    void aTokenWithoutAContactCenterRoleIs403() {
        String outsider = TestTokens.bearer("acme", "offline_access");
        given().auth().oauth2(outsider).contentType(ContentType.JSON).body("{\"chat\": {\"menu_id\": 3, \"end_user_id\": 42}}")
                .when().post("/apps/api/v1/chats").then().statusCode(403).contentType(PROBLEM);
        int id = createChat(ACME, "{\"chat\": {\"menu_id\": 3, \"end_user_id\": 42}}");
        given().auth().oauth2(outsider).when().get("/apps/api/v1/chats/" + id).then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.bearer("acme", "supervisor")).when().get("/apps/api/v1/chats/" + id).then().statusCode(200);
    }

    @Test
    void invalidRequestsNameTheFieldAndWriteNothing() {
        long before = eventCount();
        expectInvalid("{}", "chat");
        expectInvalid("{\"chat\": {\"end_user_id\": 42}}", "chat.menu_id");
        expectInvalid("{\"chat\": {\"menu_id\": 3}}", "chat.end_user_id");
        expectInvalid("{\"chat\": {\"menu_id\": 3}, \"end_user\": {\"phone\": \"call me\"}}", "end_user.phone");
        expectInvalid("{\"chat\": {\"menu_id\": \"three\", \"end_user_id\": 42}}", "chat.menu_id");
        expectInvalid("{\"chat\": {\"menu_id\": 3, \"end_user_id\": 42, \"lang\": \"xx-klingon\"}}", "chat.lang");
        expectInvalid("{\"chat\": {\"menu_id\": 3, \"end_user_id\": 42, \"transcript\": \"hello\"}}", "chat.transcript");
        expectInvalid("{\"chat\": {\"menu_id\": 3, \"end_user_id\": 42, \"transcript\": {\"messages\": "
                + "[{\"sender_type\": \"robot\", \"text\": \"hi\"}]}}}", "chat.transcript.messages[0].sender_type");
        expectInvalid("{\"chat\": {\"menu_id\": 3, \"end_user_id\": 42, \"transcript\": "
                + "[{\"sender_type\": \"agent\", \"text\": \"hi\", \"sent_at\": \"yesterday\"}]}}", "chat.transcript.messages");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aTranscriptHandedOverAtCreationIsStoredWithTheChat() {
        int id = createChat(ACME, """
                {"chat": {"menu_id": 3, "end_user_id": 42, "transcript": {"messages": [
                  {"sender_type": "end_user", "text": "my parcel is late", "sent_at": "2026-11-21T09:58:00.000Z"},
                  {"sender_type": "virtual_agent", "text": "let me get someone", "sent_at": "2026-11-21T09:58:05Z"}]}}}""");

        Row row = pool.preparedQuery("SELECT payload->'data'->'transcript' FROM event_store WHERE stream_id = $1")
                .execute(Tuple.of("chat-" + id)).await().indefinitely().iterator().next();
        io.vertx.core.json.JsonArray transcript = (io.vertx.core.json.JsonArray) row.getValue(0);
        assertThat(transcript).hasSize(2);
        assertThat(transcript.getJsonObject(0).getString("senderType")).isEqualTo("end_user");
        assertThat(transcript.getJsonObject(1).getString("text")).isEqualTo("let me get someone");
        assertThat(transcript.getJsonObject(1).getString("sentAt")).isEqualTo("2026-11-21T09:58:05.000Z");
    }

    private void expectInvalid(String body, String field) {
        given().auth().oauth2(ACME).contentType(ContentType.JSON).body(body)
                .when().post("/apps/api/v1/chats")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem(field));
    }

    private long eventCount() {
        return pool.query("SELECT count(*) FROM event_store").execute().await().indefinitely().iterator().next().getLong(0);
    }
}
