package io.switchboard.chat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventEnvelope;
import io.switchboard.events.FieldChange;
import io.switchboard.events.Topics;
import io.switchboard.events.interaction.DirectoryEvents;
import io.switchboard.events.interaction.DirectoryEvents.AgentCreated;
import io.switchboard.events.interaction.DirectoryEvents.AgentStatusChanged;
import io.switchboard.events.interaction.DirectoryEvents.AgentUpdated;
import io.switchboard.events.interaction.DirectoryEvents.AgentUpdatedV1;
import io.switchboard.events.interaction.DirectoryEvents.MenuCreated;
import io.switchboard.events.interaction.DirectoryEvents.VirtualAgentCreated;
import io.switchboard.events.interaction.RoutingEvents;
import io.switchboard.events.interaction.RoutingEvents.ChatRouted;
import io.switchboard.testing.events.EnvelopePublisher;
import io.switchboard.testing.events.TestEnvelopes;
import io.switchboard.testing.KafkaTestResource;
import io.switchboard.testing.OidcTestResource;
import io.switchboard.testing.PostgresTestResource;
import io.switchboard.testing.RealKafka;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static io.switchboard.chat.ChatFixtures.PROBLEM;
import static io.switchboard.chat.ChatFixtures.count;
import static io.switchboard.chat.ChatFixtures.eventTypes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The chat service's side of routing, through the real broker: directory events give the chat object
 * its names, the router's {@code ChatRouted} decisions hand the chat to a virtual agent and then to a
 * human, and escalations sit in between. Delivery is at least once, so duplicates must change nothing.
 */
@QuarkusTest
@WithTestResource(OidcTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "chat"))
@WithTestResource(KafkaTestResource.class)
class ChatRoutingTest {
    private static final String ACME = TestTokens.bearer("acme", "agent");
    private static final String GLOBEX = TestTokens.bearer("globex", "agent");
    /** The virtual agents' platform speaks for the bots with a system token. */
    private static final String ACME_BOT_PLATFORM = TestTokens.bearer("acme", "system");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static EnvelopePublisher kafka;

    @Inject
    Pool pool;

    private final long agentId = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000);
    private final long botId = agentId + 1;
    private final long menuId = agentId + 2;
    private boolean menuPublished;

    @BeforeAll
    static void connect() {
        kafka = new EnvelopePublisher(RealKafka.shared().bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private EventEnvelope publish(String partner, String type, Object id, long sequence, DomainEvent event) {
        return kafka.publish(Topics.INTERACTION, partner, type, id, sequence, event);
    }

    /** Ann (agent), Botty (virtual agent) and the Billing chat menu of acme, as the interaction service emits them. */
    private void directory() {
        // The status change overtakes the agent's creation: the read model must still end up with both.
        publish("acme", DirectoryEvents.AGENT, agentId, 2,
                new AgentStatusChanged(agentId, "offline", "available", null, now()));
        publish("acme", DirectoryEvents.AGENT, agentId, 1, new AgentCreated(agentId, "Ann Agent", "Ann", "Agent",
                "ann@acme.test", "https://cdn.acme.test/ann.png", List.of("agent"), List.of(), now()));
        publish("acme", DirectoryEvents.VIRTUAL_AGENT, botId, 1, new VirtualAgentCreated(botId, "Botty", null, now()));
        publish("acme", DirectoryEvents.MENU, menuId, 1,
                new MenuCreated(menuId, "Billing", "chat", "queue", null, List.of(), botId, now()));
        menuPublished = true;
    }

    /**
     * A chat of the Billing menu, once the chat service has learnt of the menu (a chat may only name a
     * menu of its partner that the directory read model knows).
     */
    private int newChat() {
        if (!menuPublished) {
            publish("acme", DirectoryEvents.MENU, menuId, 1,
                    new MenuCreated(menuId, "Billing", "chat", "queue", null, List.of(), botId, now()));
            menuPublished = true;
        }
        String key = java.util.UUID.randomUUID().toString();
        return await().atMost(PATIENCE).until(() -> given().auth().oauth2(ACME).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body("{\"chat\": {\"menu_id\": " + menuId + ", \"end_user_id\": 42}}")
                .when().post("/apps/api/v1/chats").then().extract(), created -> created.statusCode() == 201)
                .path("id");
    }

    private EventEnvelope route(String partner, int chatId, long version, String type, long assignee, String name,
                                Long escalationId) {
        return publish(partner, RoutingEvents.AGGREGATE_TYPE, chatId, version, new ChatRouted(chatId, type, assignee,
                name, menuId, null, escalationId == null ? "created" : "escalated", escalationId, now()));
    }

    private void awaitStatus(int chatId, String status) {
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(ACME).get("/apps/api/v1/chats/" + chatId)
                .then().statusCode(200).body("status", equalTo(status)));
    }

    @Test
    void aChatGoesToTheBotThenThroughAnEscalationToAHumanWithNamesFromTheDirectory() {
        directory();
        int chatId = newChat();
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(ACME).get("/apps/api/v1/chats/" + chatId)
                .then().body("menus[0].name", equalTo("Billing")));

        route("acme", chatId, 1, "virtual_agent", botId, "Botty", null);
        awaitStatus(chatId, "va_assigned");
        given().auth().oauth2(ACME).get("/apps/api/v1/chats/" + chatId).then()
                .body("status_text", equalTo("Assigned to a virtual agent"))
                .body("virtual_agent.id", equalTo((int) botId))
                .body("virtual_agent.name", equalTo("Botty"))
                .body("all_virtual_agents.name", equalTo(List.of("Botty")))
                .body("agent", equalTo(null));
        message(ACME_BOT_PLATFORM, chatId, botId, "Hi, I am Botty");

        int escalationId = given().auth().oauth2(ACME).contentType(ContentType.JSON)
                .body("{\"reason\": \"by_end_user_ask\", \"force_escalate\": true}")
                .when().post("/apps/api/v1/chats/" + chatId + "/escalations")
                .then().statusCode(200)
                .body("chat_id", equalTo(chatId))
                .body("status", equalTo("pending"))
                .extract().path("id");

        EventEnvelope toAnn = route("acme", chatId, 2, "agent", agentId, "Ann Agent", (long) escalationId);
        awaitStatus(chatId, "assigned");
        given().auth().oauth2(ACME).get("/apps/api/v1/chats/" + chatId).then()
                .body("agent.id", equalTo((int) agentId))
                .body("agent.name", equalTo("Ann Agent"))
                .body("agent.first_name", equalTo("Ann"))
                .body("agent.avatar_url", equalTo("https://cdn.acme.test/ann.png"))
                .body("agent.status", equalTo("available"))
                .body("virtual_agent", equalTo(null))
                .body("all_agents.id", equalTo(List.of((int) agentId)))
                .body("all_virtual_agents.id", equalTo(List.of((int) botId)));
        message(TestTokens.agent("acme", agentId, "agent"), chatId, null, "Hello, Ann here");

        assertThat(eventTypes(pool, chatId)).containsExactly("ChatCreated", "ChatAssigned", "MessageSent",
                "EscalationRequested", "ChatAssigned", "EscalationUpdated", "MessageSent");
        List<String> segments = payloads(chatId, "MessageSent", "data,segment");
        assertThat(segments).containsExactly("1", "2");
        assertThat(payloads(chatId, "MessageSent", "data,senderType")).containsExactly("virtual_agent", "agent");
        assertThat(payloads(chatId, "MessageSent", "data,senderName")).containsExactly("Botty", "Ann Agent");
        assertThat(payloads(chatId, "EscalationUpdated", "data,status")).containsExactly("escalated");

        // Debezium may deliver a decision twice, and a stale one may arrive late: neither changes the chat.
        kafka.publish(Topics.INTERACTION, toAnn);
        route("acme", chatId, 1, "virtual_agent", botId, "Botty", null);
        // The marker: a decision for another chat, sent on this chat's key (same partition, after the two
        // above), so once it has landed the duplicate and the stale decision were consumed.
        int marker = newChat();
        kafka.publishKeyed(Topics.INTERACTION, TestEnvelopes.key(RoutingEvents.AGGREGATE_TYPE, chatId),
                TestEnvelopes.envelope("acme", RoutingEvents.AGGREGATE_TYPE, marker, 1, new ChatRouted(marker,
                        "agent", agentId, "Ann Agent", menuId, null, "created", null, now())));
        awaitStatus(marker, "assigned");
        assertThat(count(pool, chatId, "ChatAssigned")).isEqualTo(2);
        publish("acme", DirectoryEvents.AGENT, agentId, 3,
                new AgentUpdated(agentId, List.of(new FieldChange("name", "Ann Agent", "Ann Smith")), "Ann Smith", "Ann",
                        "Agent", "ann@acme.test", "https://cdn.acme.test/ann.png", List.of("agent"), List.of(), null, now()));
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(ACME).get("/apps/api/v1/chats/" + chatId)
                .then().body("agent.name", equalTo("Ann Smith")));
        // An AgentUpdated of version 1 (written before the typed after-state) is still read.
        publish("acme", DirectoryEvents.AGENT, agentId, 4,
                new AgentUpdatedV1(agentId, List.of(new FieldChange("name", "Ann Smith", "Ann Jones")), null, now()));
        await().atMost(PATIENCE).untilAsserted(() -> given().auth().oauth2(ACME).get("/apps/api/v1/chats/" + chatId)
                .then().body("agent.name", equalTo("Ann Jones")));
        assertThat(count(pool, chatId, "ChatAssigned")).isEqualTo(2);
        given().auth().oauth2(ACME).get("/apps/api/v1/chats/" + chatId).then().body("status", equalTo("assigned"));
    }

    @Test
    void anotherPartnersDecisionDoesNotTouchTheChat() {
        int chatId = newChat();
        route("globex", chatId, 1, "agent", agentId, "Gus", null);
        route("acme", chatId, 1, "virtual_agent", botId, "Botty", null);

        // The acme decision was published after the globex one on the same key, so it is applied after it.
        awaitStatus(chatId, "va_assigned");
        assertThat(count(pool, chatId, "ChatAssigned")).isEqualTo(1);
        given().auth().oauth2(ACME).get("/apps/api/v1/chats/" + chatId).then().body("all_agents.size()", equalTo(0));
    }

    @Test
    void onlyAChatHeldByAVirtualAgentCanBeEscalated() {
        int chatId = newChat();
        given().auth().oauth2(ACME).contentType(ContentType.JSON).body("{\"reason\": \"by_end_user_ask\"}")
                .when().post("/apps/api/v1/chats/" + chatId + "/escalations")
                .then().statusCode(409).contentType(PROBLEM).body("detail", containsString("current status: queued"));

        route("acme", chatId, 1, "virtual_agent", botId, "Botty", null);
        awaitStatus(chatId, "va_assigned");
        given().auth().oauth2(ACME).contentType(ContentType.JSON).body("{\"force_escalate\": true}")
                .when().post("/apps/api/v1/chats/" + chatId + "/escalations")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("reason"));
        given().auth().oauth2(GLOBEX).contentType(ContentType.JSON).body("{\"reason\": \"x\"}")
                .when().post("/apps/api/v1/chats/" + chatId + "/escalations").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"reason\": \"x\"}")
                .when().post("/apps/api/v1/chats/" + chatId + "/escalations").then().statusCode(401);
        given().auth().oauth2(TestTokens.bearer("acme")).contentType(ContentType.JSON).body("{\"reason\": \"x\"}")
                .when().post("/apps/api/v1/chats/" + chatId + "/escalations").then().statusCode(403);
        assertThat(count(pool, chatId, "EscalationRequested")).isZero();

        int escalationId = given().auth().oauth2(ACME).contentType(ContentType.JSON).body("{\"reason\": \"x\"}")
                .when().post("/apps/api/v1/chats/" + chatId + "/escalations").then().statusCode(200).extract().path("id");
        given().auth().oauth2(ACME).contentType(ContentType.JSON).body("{\"reason\": \"again\"}")
                .when().post("/apps/api/v1/chats/" + chatId + "/escalations")
                .then().statusCode(409).body("detail", containsString("current status: va_assigned"));

        String escalation = "/apps/api/v1/chats/" + chatId + "/escalations/" + escalationId;
        given().auth().oauth2(ACME).contentType(ContentType.JSON).body("{\"deflection_channel\": \"voicemail\"}")
                .when().patch(escalation)
                .then().statusCode(200)
                .body("id", equalTo(escalationId)).body("chat_id", equalTo(chatId)).body("status", equalTo("deflected"));
        given().auth().oauth2(ACME).contentType(ContentType.JSON).body("{}")
                .when().patch(escalation).then().statusCode(400).body("errors.field", hasItem("deflection_channel"));
        given().auth().oauth2(ACME).contentType(ContentType.JSON).body("{\"deflection_channel\": \"email\"}")
                .when().patch("/apps/api/v1/chats/" + chatId + "/escalations/" + (escalationId + 1000))
                .then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(GLOBEX).contentType(ContentType.JSON).body("{\"deflection_channel\": \"email\"}")
                .when().patch(escalation).then().statusCode(404);
        assertThat(count(pool, chatId, "EscalationUpdated")).isEqualTo(1);
    }

    /** A message: the bot's through the bot platform's system token, Ann's with her own token. */
    private void message(String token, int chatId, Long fromUserId, String text) {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{" + (fromUserId == null ? "" : "\"from_user_id\": " + fromUserId + ", ")
                        + "\"message\": {\"type\": \"text\", \"content\": \"" + text + "\"}}")
                .when().post("/apps/api/v1/chats/" + chatId + "/message").then().statusCode(200);
    }

    /** One field (a JSON path like {@code data,segment}) of each event of a type, in stream order. */
    private List<String> payloads(int chatId, String eventType, String path) {
        List<String> values = new java.util.ArrayList<>();
        pool.preparedQuery("SELECT payload #>> ('{' || $3 || '}')::text[] FROM event_store "
                        + "WHERE stream_id = $1 AND event_type = $2 ORDER BY version")
                .execute(Tuple.of("chat-" + chatId, eventType, path)).await().indefinitely()
                .forEach(row -> values.add(row.getString(0)));
        return values;
    }
}
