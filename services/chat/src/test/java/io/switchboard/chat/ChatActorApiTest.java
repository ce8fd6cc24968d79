package io.switchboard.chat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
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
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.switchboard.chat.ChatFixtures.PROBLEM;
import static io.switchboard.chat.ChatFixtures.eventTypes;
import static io.switchboard.chat.ChatFixtures.newChat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The actor of a command is the caller: agents act only as themselves (their token's {@code agent_id}),
 * supervisors, admins and system callers for agents of their own partner, and whatever is refused
 * writes nothing. Real signed tokens, the real PostgreSQL.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "chat"))
@WithTestResource(KafkaTestResource.class)
class ChatActorApiTest {
    private static final String ANN = TestTokens.agent("acme", ChatFixtures.ANN, "agent");
    private static final String BOB = TestTokens.agent("acme", ChatFixtures.BOB, "enhanced-agent");
    /** An agent token without an agent_id claim: a Keycloak user nobody linked to a directory agent. */
    private static final String UNLINKED = TestTokens.bearer("acme", "agent");
    /** acme's token naming globex's agent Gus: a misconfigured link. */
    private static final String FOREIGN_LINK = TestTokens.agent("acme", ChatFixtures.GUS, "agent");
    private static final String GONE = TestTokens.agent("acme", ChatFixtures.GONE, "agent");
    private static final String SUPERVISOR = TestTokens.bearer("acme", "supervisor");
    private static final String SAM = TestTokens.agent("acme", ChatFixtures.SAM, "supervisor");
    private static final String BACKEND = TestTokens.bearer("acme", "system");
    private static final String GLOBEX_SUPERVISOR = TestTokens.bearer("globex", "supervisor");

    @Inject
    Pool pool;

    @BeforeEach
    void directory() {
        ChatFixtures.directory(pool);
    }

    private static ValidatableResponse post(String token, int chatId, String action, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/apps/api/v1/chats/" + chatId + "/" + action).then();
    }

    private static ValidatableResponse patch(String token, int chatId, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().patch("/apps/api/v1/chats/" + chatId).then();
    }

    private static String message(String text) {
        return "{\"message\": {\"type\": \"text\", \"content\": \"" + text + "\"}}";
    }

    private static String message(long from, String text) {
        return "{\"from_user_id\": " + from + ", \"message\": {\"type\": \"text\", \"content\": \"" + text + "\"}}";
    }

    @Test
    void anAgentClaimsAndReleasesOnlyAsItselfAndOnlyTheClaimerReleases() {
        int id = newChat(ANN);

        post(ANN, id, "claim", "{\"agent_id\": 78}").statusCode(403).contentType(PROBLEM)
                .body("errors[0].field", equalTo("agent_id"), "detail", containsString("acts only as itself"));
        post(ANN, id, "claim", "{\"agent_id\": 177}").statusCode(403).body("errors[0].field", equalTo("agent_id"));
        assertThat(eventTypes(pool, id)).containsExactly("ChatCreated");

        post(ANN, id, "claim", "{}").statusCode(200);
        post(ANN, id, "claim", "{\"agent_id\": 77}").statusCode(200); // naming itself; a repeat changes nothing
        post(BOB, id, "release", "{}").statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("claimed by agent 77"));
        post(BOB, id, "release", "{\"agent_id\": 77}").statusCode(403).body("errors[0].field", equalTo("agent_id"));
        assertThat(eventTypes(pool, id)).containsExactly("ChatCreated", "ChatClaimed");
        assertThat(agentIds(id, "ChatClaimed")).containsExactly("77");

        post(ANN, id, "release", "{}").statusCode(200);
        assertThat(eventTypes(pool, id)).containsExactly("ChatCreated", "ChatClaimed", "ChatReleased");
    }

    @Test
    void aSupervisorActsForAgentsOfItsOwnPartnerOnly() {
        int id = newChat(ANN);

        post(SUPERVISOR, id, "claim", "{\"agent_id\": 177}").statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("agent_id"), "detail", containsString("not an active agent"));
        post(SUPERVISOR, id, "claim", "{\"agent_id\": 999999}").statusCode(400).body("errors[0].field", equalTo("agent_id"));
        post(SUPERVISOR, id, "claim", "{\"agent_id\": 79}").statusCode(400).body("errors[0].field", equalTo("agent_id"));
        post(SUPERVISOR, id, "claim", "{}").statusCode(400).body("errors[0].field", equalTo("agent_id"));
        assertThat(eventTypes(pool, id)).containsExactly("ChatCreated");

        post(SUPERVISOR, id, "claim", "{\"agent_id\": 78}").statusCode(200);
        post(SUPERVISOR, id, "release", "{}").statusCode(200); // anyone's claim
        post(SAM, id, "claim", "{}").statusCode(200); // a supervisor linked to an agent claims for itself
        assertThat(agentIds(id, "ChatClaimed")).containsExactly("78", "5");
        post(GLOBEX_SUPERVISOR, id, "release", "{}").statusCode(404);

        post(SUPERVISOR, id, "mark", "{\"user_id\": 177, \"mark\": \"review\"}").statusCode(400)
                .body("errors[0].field", equalTo("user_id"));
        post(SAM, id, "mark", "{\"mark\": \"review\"}").statusCode(200);
        assertThat(pool.preparedQuery("SELECT payload->'data'->>'markedByUserId' FROM event_store WHERE stream_id = $1 AND event_type = 'ChatMarked'")
                .execute(Tuple.of("chat-" + id)).await().indefinitely().iterator().next().getString(0)).isEqualTo("5");
        assertThat(eventTypes(pool, id)).containsExactly("ChatCreated", "ChatClaimed", "ChatReleased", "ChatClaimed",
                "ChatMarked");
    }

    @Test
    void anAgentThatIsNoAgentOfThePartnerCanDoNothingBoundToAnAgent() {
        int id = newChat(ANN);

        for (String token : List.of(UNLINKED, FOREIGN_LINK, GONE)) {
            post(token, id, "claim", "{}").statusCode(403).contentType(PROBLEM).body("errors[0].field", equalTo("agent_id"));
            post(token, id, "message", message("hi")).statusCode(403).body("errors[0].field", equalTo("from_user_id"));
            patch(token, id, "{\"chat\": {\"status\": \"finished\"}}").statusCode(403)
                    .body("errors[0].field", equalTo("finished_by_user_id"));
        }
        assertThat(eventTypes(pool, id)).containsExactly("ChatCreated");
        // What names no agent stays open to it.
        post(UNLINKED, id, "customer_flag", "{\"bad_actor\": true}").statusCode(200);
    }

    @Test
    void whoAMessageIsFromFollowsTheCaller() {
        int id = newChat(ANN);

        post(BACKEND, id, "message", message("my parcel is late")).statusCode(200);
        post(ANN, id, "message", message("let me check")).statusCode(200);
        post(ANN, id, "message", message(77, "found it")).statusCode(200);
        post(BACKEND, id, "message", message(78, "Bob here")).statusCode(200);
        post(BACKEND, id, "message", "{\"message\": {\"type\": \"system\", \"content\": \"Bob joined\"}}").statusCode(200);
        assertThat(senders(id)).containsExactly("end_user:42:null", "agent:77:Ann Agent", "agent:77:Ann Agent",
                "agent:78:Bob Agent", "system:system:null");

        post(ANN, id, "message", message(78, "I am Bob")).statusCode(403).contentType(PROBLEM)
                .body("errors[0].field", equalTo("from_user_id"));
        post(BACKEND, id, "message", message(177, "I am Gus")).statusCode(400).body("errors[0].field", equalTo("from_user_id"));
        post(BACKEND, id, "message", message(999999, "nobody")).statusCode(400).body("errors[0].field", equalTo("from_user_id"));
        assertThat(senders(id)).hasSize(5);
    }

    @Test
    void theAgentWhoEndsAChatIsTheCaller() {
        int mine = newChat(ANN);
        int theirs = newChat(ANN);

        patch(ANN, mine, "{\"finished_by_user_id\": 78, \"chat\": {\"status\": \"finished\"}}").statusCode(403)
                .body("errors[0].field", equalTo("finished_by_user_id"));
        patch(SUPERVISOR, mine, "{\"finished_by_user_id\": 177, \"chat\": {\"status\": \"finished\"}}").statusCode(400)
                .body("errors[0].field", equalTo("finished_by_user_id"));
        assertThat(eventTypes(pool, mine)).containsExactly("ChatCreated");

        patch(ANN, mine, "{\"chat\": {\"status\": \"finished\"}}").statusCode(200).body("status", equalTo("finished"));
        patch(SUPERVISOR, theirs, "{\"finished_by_user_id\": 78, \"chat\": {\"status\": \"dismissed\"}}").statusCode(200);
        assertThat(finishedBy(mine)).isEqualTo("77");
        assertThat(finishedBy(theirs)).isEqualTo("78");
    }

    @Test
    void apiCredentialsActByTheirRolesAndHaveNoAgentOfTheirOwn() {
        String admin = TestTokens.bearer("acme", "admin");
        String agentCredential = credential(admin, "agent");
        String supervisorCredential = credential(admin, "supervisor");
        int id = newChat(ANN);

        given().auth().preemptive().basic("acme", agentCredential).contentType(ContentType.JSON).body(message("hi"))
                .when().post("/apps/api/v1/chats/" + id + "/message")
                .then().statusCode(403).contentType(PROBLEM).body("errors[0].field", equalTo("from_user_id"));
        given().auth().preemptive().basic("acme", agentCredential).contentType(ContentType.JSON).body("{}")
                .when().post("/apps/api/v1/chats/" + id + "/claim").then().statusCode(403);
        assertThat(eventTypes(pool, id)).containsExactly("ChatCreated");

        given().auth().preemptive().basic("acme", supervisorCredential).contentType(ContentType.JSON).body(message("hi"))
                .when().post("/apps/api/v1/chats/" + id + "/message").then().statusCode(200);
        given().auth().preemptive().basic("acme", supervisorCredential).contentType(ContentType.JSON)
                .body("{\"agent_id\": 77}").when().post("/apps/api/v1/chats/" + id + "/claim").then().statusCode(200);
        assertThat(senders(id)).containsExactly("end_user:42:null");
        assertThat(agentIds(id, "ChatClaimed")).containsExactly("77");
    }

    @Test
    void aChatMustNameAMenuOfItsPartner() {
        long before = eventCount();
        for (String menu : List.of("999999", "-1")) {
            given().auth().oauth2(ANN).contentType(ContentType.JSON)
                    .body("{\"chat\": {\"menu_id\": " + menu + ", \"end_user_id\": 42}}")
                    .when().post("/apps/api/v1/chats").then().statusCode(400).contentType(PROBLEM)
                    .body("errors.field", hasItem("chat.menu_id"));
        }
        given().auth().oauth2(TestTokens.bearer("umbrella", "agent")).contentType(ContentType.JSON)
                .body("{\"chat\": {\"menu_id\": 3, \"end_user_id\": 42}}")
                .when().post("/apps/api/v1/chats").then().statusCode(400).body("errors[0].field", equalTo("chat.menu_id"));
        pool.query("INSERT INTO directory_menus (partner_id, menu_id, name, active) VALUES ('acme', 8, 'Old', false) "
                + "ON CONFLICT DO NOTHING").execute().await().indefinitely();
        given().auth().oauth2(ANN).contentType(ContentType.JSON).header("Idempotency-Key", "menu-8")
                .body("{\"chat\": {\"menu_id\": 8, \"end_user_id\": 42}}")
                .when().post("/apps/api/v1/chats").then().statusCode(400).body("errors[0].field", equalTo("chat.menu_id"));
        assertThat(eventCount()).isEqualTo(before);
    }

    private String credential(String adminToken, String role) {
        return given().auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body(Map.of("name", "desk-" + role, "roles", List.of(role)))
                .when().post("/admin/api-credentials").then().statusCode(201).extract().path("token");
    }

    private List<String> senders(int chatId) {
        List<String> senders = new ArrayList<>();
        pool.preparedQuery("""
                        SELECT payload->'data'->>'senderType' || ':' || (payload->'data'->>'senderId') || ':'
                               || coalesce(payload->'data'->>'senderName', 'null')
                        FROM event_store WHERE stream_id = $1 AND event_type = 'MessageSent' ORDER BY version""")
                .execute(Tuple.of("chat-" + chatId)).await().indefinitely().forEach(row -> senders.add(row.getString(0)));
        return senders;
    }

    private List<String> agentIds(int chatId, String eventType) {
        List<String> ids = new ArrayList<>();
        pool.preparedQuery("SELECT payload->'data'->>'agentId' FROM event_store WHERE stream_id = $1 AND event_type = $2 ORDER BY version")
                .execute(Tuple.of("chat-" + chatId, eventType)).await().indefinitely().forEach(row -> ids.add(row.getString(0)));
        return ids;
    }

    private String finishedBy(int chatId) {
        return pool.preparedQuery("SELECT payload->'data'->>'finishedByUserId' FROM event_store WHERE stream_id = $1 AND event_type = 'ChatFinished'")
                .execute(Tuple.of("chat-" + chatId)).await().indefinitely().iterator().next().getString(0);
    }

    private long eventCount() {
        return pool.query("SELECT count(*) FROM event_store").execute().await().indefinitely().iterator().next().getLong(0);
    }
}
